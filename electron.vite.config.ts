import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { devInlineScriptHashes, rendererCspPlugin } from './scripts/rendererCspPlugin.ts';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  // Main: src/main/index.ts -> out/main/index.js, an ES module ("type": "module").
  main: {
    define: {
      // The dev server's inline-script hashes, for the CSP header main sets in development.
      __TESSERA_DEV_SCRIPT_HASHES__: JSON.stringify(devInlineScriptHashes()),
    },
    build: {
      lib: { entry: resolve(root, 'src/main/index.ts') },
    },
  },
  // Preload: a sandboxed preload cannot be an ES module and can require nothing
  // but `electron`, so it is one self-contained CommonJS file, out/preload/index.cjs
  // (src/main/index.ts points at that name).
  preload: {
    build: {
      lib: { entry: resolve(root, 'src/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      // Bundle every import (only `electron` stays a require) ...
      externalizeDeps: false,
      rolldownOptions: {
        // ... into exactly one file.
        output: { format: 'cjs', entryFileNames: 'index.cjs', codeSplitting: false },
      },
    },
  },
  // Renderer: src/renderer/index.html -> out/renderer/, loaded by main from the app scheme.
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), rendererCspPlugin()],
    define: { __TESSERA_VERSION__: JSON.stringify(version) },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
