import { createReadStream, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import mimeTable from '../../shared/mimeTypes.json';

const MIME_TYPES = z.record(z.string(), z.string()).parse(mimeTable);
const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cross-Origin-Opener-Policy': 'same-origin' };

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves a built web app from `root` (the relay and the web client on one
 * origin): correct MIME types from src/shared/mimeTypes.json, index.html for any
 * path that is not a file (client-side routes), the page's own CSP <meta> also
 * sent as a header (plus frame-ancestors, which only works as one), and no path
 * outside the root.
 */
export function serveStatic(root: string): StaticHandler {
  const base = path.resolve(root);
  const indexFile = path.join(base, 'index.html');
  let csp: string | null = null;
  try {
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(readFileSync(indexFile, 'utf8'));
    if (m) csp = `${m[1]}; frame-ancestors 'none'`;
  } catch {
    csp = null;
  }
  const htmlHeaders = csp ? { 'Content-Security-Policy': csp } : {};

  const resolve = async (pathname: string): Promise<string | null> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\') || /%2f|%5c/i.test(pathname)) return null;
    const segments = decoded.split('/').filter((s) => s !== '');
    if (segments.some((s) => s === '.' || s === '..' || s.includes(':'))) return null;
    const file = path.resolve(base, ...segments);
    if (file !== base && !file.startsWith(base + path.sep)) return null;
    try {
      return (await stat(file)).isFile() ? file : null;
    } catch {
      return null;
    }
  };

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...COMMON, Allow: 'GET, HEAD' }).end();
      return;
    }
    const head = req.method === 'HEAD';
    const { pathname } = new URL(req.url ?? '/', 'http://relay');
    const file = await resolve(pathname);
    if (file === null || file === indexFile) {
      if (file === null && path.posix.extname(pathname) !== '') {
        res.writeHead(404, { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8' }).end(head ? undefined : 'Not found');
        return;
      }
      let html: Buffer;
      try {
        html = await readFile(indexFile);
      } catch {
        res.writeHead(404, { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8' }).end(head ? undefined : 'No web app here');
        return;
      }
      res.writeHead(200, { ...COMMON, ...htmlHeaders, 'Content-Type': MIME_TYPES['.html'] ?? 'text/html', 'Content-Length': html.length, 'Cache-Control': 'no-cache' });
      res.end(head ? undefined : html);
      return;
    }
    const ext = path.extname(file).toLowerCase();
    const info = await stat(file);
    res.writeHead(200, {
      ...COMMON,
      ...(ext === '.html' ? htmlHeaders : {}),
      'Content-Type': MIME_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (head) {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
