#!/usr/bin/env node
// `npm run bench -- ics [--quick]`: ICS import parse times in Node, Tessera's parseIcs
// beside node-ical (the peer) and a naive ical.js use on the same generated files.
// JSON on stdout and in bench/results/ics-<time>.json. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const bundle = path.join(root, 'bench', '.build', 'ics', 'icsParseBench.mjs');
const { build } = await import('rolldown');
await build({
  input: path.join(root, 'bench', 'ics', 'icsParseBench.ts'),
  platform: 'node',
  external: [/^[^./]/],
  logLevel: 'warn',
  output: { file: bundle, format: 'esm' },
});
const { runParseBench } = await import(pathToFileURL(bundle).href);
const cases = runParseBench(quick ? [1_000] : [10_000, 50_000], quick ? 1 : 3);
const result = {
  benchmark: 'ics',
  node: process.version,
  budgets: { '10000 events end to end': '<= 1000 ms', '50000 events end to end': '<= 5000 ms' },
  note: 'parse only, in Node; median of 3 runs after a warm-up (naive ical.js: 1 run)',
  cases,
};
const json = JSON.stringify(result, null, 2);
mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'results', `ics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), `${json}\n`);
process.stdout.write(`${json}\n`);
// scripts/bench.mjs imported this file and would go on to its own benchmarks.
process.exit(0);
