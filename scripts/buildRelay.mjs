#!/usr/bin/env node
// Bundles the relay (src/relay/main.ts and what it imports from src/shared) into
// out/relay/main.mjs for Node, which cannot run TypeScript. Packages stay
// external (better-sqlite3 is native, and one copy of yjs matters), so the
// bundle is only our code and builds in well under a second.
//
//   node scripts/buildRelay.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// TESSERA_RELAY_OUT: a separate bundle per concurrent test run, so one build never replaces a file another run is loading.
export const RELAY_BUNDLE = path.resolve(projectRoot, process.env.TESSERA_RELAY_OUT ?? path.join('out', 'relay'), 'main.mjs');

export async function buildRelay() {
  const { build } = await import('rolldown');
  await build({
    input: path.join(projectRoot, 'src', 'relay', 'main.ts'),
    platform: 'node',
    // Bare specifiers (packages, node:*) stay imports; only relative paths are bundled.
    external: [/^[^./]/],
    logLevel: 'warn',
    output: { file: RELAY_BUNDLE, format: 'esm', sourcemap: true },
  });
  return RELAY_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildRelay();
  console.log(`Built ${path.relative(process.cwd(), RELAY_BUNDLE)}`);
}
