import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Builds the benchmark pages (bench/browser) into bench/.build; scripts/bench.mjs
// serves that directory on 127.0.0.1 and drives it in Chromium.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${here}browser`,
  base: './',
  logLevel: 'warn',
  clearScreen: false,
  // .ts before .js: a stray tsc emit next to a source file must not shadow it.
  resolve: { dedupe: ['yjs'], extensions: ['.ts', '.tsx', '.mts', '.mjs', '.js', '.jsx', '.json'] },
  build: {
    outDir: `${here}.build`,
    emptyOutDir: true,
    target: 'es2022',
    // Production-like by default; BENCH_MINIFY=0 keeps names readable in CPU profiles.
    minify: process.env.BENCH_MINIFY !== '0',
    sourcemap: false,
    reportCompressedSize: false,
    modulePreload: false,
  },
});
