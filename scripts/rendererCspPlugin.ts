import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { buildContentSecurityPolicy } from '../src/shared/ipc/contentSecurityPolicy.ts';

/**
 * Base64 sha256 digests of the inline scripts the Vite dev server puts into
 * index.html: React Fast Refresh's preamble, the only one. The CSP allows
 * exactly these in development instead of 'unsafe-inline'.
 */
export function devInlineScriptHashes(base = '/'): string[] {
  const preamble = react.preambleCode.replace('__BASE__', base);
  return [createHash('sha256').update(preamble).digest('base64')];
}

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/**
 * Keeps the CSP <meta> tag of src/renderer/index.html equal to
 * buildContentSecurityPolicy(): a production build fails if the tag is missing
 * or differs, and the dev server gets the development policy (which adds the
 * hashes above).
 */
export function rendererCspPlugin(): Plugin {
  let command: 'serve' | 'build' = 'build';
  let base = '/';
  return {
    name: 'tessera:renderer-csp',
    configResolved(config) {
      command = config.command;
      base = config.base;
    },
    transformIndexHtml: {
      // After the other plugins, so that in development the tag can be moved in
      // front of the scripts they inject at the top of <head>.
      order: 'post',
      handler(html) {
        const match = CSP_META.exec(html);
        if (!match) throw new Error('src/renderer/index.html must carry the Content-Security-Policy <meta> tag.');
        if (command === 'build') {
          const policy = buildContentSecurityPolicy({ delivery: 'meta' });
          if (match[1] !== policy) {
            throw new Error(`The CSP <meta> tag in src/renderer/index.html differs from buildContentSecurityPolicy(); set its content to:\n${policy}`);
          }
          return html;
        }
        const policy = buildContentSecurityPolicy({ delivery: 'meta', inlineScriptHashes: devInlineScriptHashes(base) });
        const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        // A <meta> policy covers only what comes after it.
        return html.replace(CSP_META, '').replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`);
      },
    },
  };
}
