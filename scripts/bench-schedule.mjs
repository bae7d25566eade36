#!/usr/bin/env node
// npm run bench -- schedule [--only findTime,reminders] [--no-build]
//
// Bundles bench/schedule (with the pure code it imports from src/shared) for Node
// with rolldown into bench/.build/schedule, runs it in this process and prints one
// JSON object on stdout, also saved to bench/results/schedule-<time>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outFile = join(root, 'bench', '.build', 'schedule', 'main.mjs');
const argv = process.argv.slice(3);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 && argv[onlyAt + 1] ? new Set(argv[onlyAt + 1].split(',')) : null;

if (!argv.includes('--no-build')) {
  const { build } = await import('rolldown');
  await build({
    input: join(root, 'bench', 'schedule', 'main.ts'),
    platform: 'node',
    external: [/^[^./]/],
    logLevel: 'warn',
    output: { file: outFile, format: 'esm' },
  });
}
const { main } = await import(pathToFileURL(outFile).href);
const result = await main(only);
const json = JSON.stringify(result, null, 2);
process.stdout.write(`${json}\n`);
await mkdir(join(root, 'bench', 'results'), { recursive: true });
await writeFile(join(root, 'bench', 'results', `schedule-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), json);
// scripts/bench.mjs goes on to its own benchmarks after importing this one.
process.exit(0);
