#!/usr/bin/env node
// `npm run ics -- parse <file>` / `expand <file> --from <iso> --to <iso>`: bundles
// src/cli/ics.ts (and the shared ICS code it imports) with rolldown, as
// buildRelay.mjs does for the relay, then runs it. Packages stay external.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.resolve(projectRoot, process.env.TESSERA_CLI_OUT ?? path.join('out', 'cli'), 'ics.mjs');

const { build } = await import('rolldown');
await build({
  input: path.join(projectRoot, 'src', 'cli', 'ics.ts'),
  platform: 'node',
  external: [/^[^./]/],
  logLevel: 'warn',
  output: { file: bundle, format: 'esm' },
});
const { runIcsCli } = await import(pathToFileURL(bundle).href);
process.exitCode = await runIcsCli(process.argv.slice(2));
