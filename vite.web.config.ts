import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { rendererCspPlugin } from './scripts/rendererCspPlugin.ts';

/**
 * The renderer as a plain web app (the web client and the browser tests): the
 * same src/renderer as the desktop app, into dist-web/ with relative URLs so it
 * can be served from any path. `npm run web` builds and serves it.
 */
const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  root: resolve(root, 'src/renderer'),
  base: './',
  publicDir: false,
  plugins: [react(), rendererCspPlugin()],
  define: { __TESSERA_VERSION__: JSON.stringify(version) },
  build: {
    // TESSERA_WEB_DIST lets two test runs on one machine build side by side.
    outDir: resolve(root, process.env.TESSERA_WEB_DIST ?? 'dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
});
