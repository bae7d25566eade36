import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { mimeTypeOf } from './mimeTypes';
import { resolveAppAsset } from './resolveAppAsset';

/**
 * The built renderer is served from its own scheme rather than file://, as the
 * Electron security checklist advises: a file:// page's 'self' covers every file
 * on the disk, while this origin holds exactly the app's bundle. The scheme is
 * standard (relative URLs resolve, and IndexedDB, which Chromium keeps per
 * origin, is enabled) and secure (a secure context, like https).
 *
 * Changing the scheme or host moves the origin, and with it every replica stored
 * in IndexedDB: treat both as permanent.
 *
 * Not `tessera:` on purpose: that name stays free for deep links.
 */
export const APP_SCHEME = 'tessera-app';
export const APP_HOST = 'bundle';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves `rendererDir` (out/renderer) on the app scheme, each page with the CSP header. */
export function serveAppScheme(rendererDir: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppAsset(rendererDir, request.url, APP_HOST);
    if (!file) return new Response('Not found', { status: 404 });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers: Record<string, string> = {
      'Content-Type': mimeTypeOf(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (file.endsWith('.html')) headers['Content-Security-Policy'] = contentSecurityPolicy;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  });
}
