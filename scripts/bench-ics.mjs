#!/usr/bin/env node
// `npm run bench -- ics [options]`: ICS import, end to end in Chromium (text -> parsing
// Web Worker -> importParsedIcs into a real IndexedDB replica -> the week view's query),
// beside node-ical parsing the same files in Node in the same run. One JSON object on
// stdout (progress on stderr), also saved to bench/results/ics-<time>.json. See bench/README.md.
//
//   --quick              2,000 events only, 1 run (checks the harness in well under a minute)
//   --sizes 10000,50000  file sizes (events)          --runs N   measured runs per file (3)
//   --only browser,node  parts to run
//   --naive N            events for the naive ical.js peer (2000; 0 skips it)
//   --profile SIZE-KIND  CPU-profile the page during one file's first run (e.g. 50000-vtimezone)
//                        into bench/results/ics-<case>.cpuprofile; top functions on stderr.
//                        Combine with BENCH_MINIFY=0 for readable names
//   --batch N            events per importEvents call (default: the app's IMPORT_BATCH)
//   --no-build           reuse bench/.build/ics-page and bench/.build/ics
//   --port N             port of the bench page (47620)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseBenchArgs } from './benchArgs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');
const pageDir = path.join(root, 'bench', '.build', 'ics-page');
const started = Date.now();
const err = (s) => process.stderr.write(`${s}\n`);
const round = (x, d = 0) => (typeof x === 'number' ? Math.round(x * 10 ** d) / 10 ** d : x);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const args = parseBenchArgs(process.argv.slice(2));
const quick = Boolean(args.quick);
const sizes = typeof args.sizes === 'string' ? args.sizes.split(',').map(Number) : quick ? [2_000] : [10_000, 50_000];
const runs = Number(args.runs ?? (quick ? 1 : 3));
const naiveEvents = Number(args.naive ?? 2_000);
const only = typeof args.only === 'string' ? new Set(args.only.split(',')) : null;
const wants = (part) => !only || only.has(part);
const BUDGET_MS = { 10000: 1_000, 50000: 5_000 };
// Budgets exist for these two sizes only (DESIGN.md); other sizes report no pass/fail.
const budgetFor = (count) => BUDGET_MS[count] ?? null;
const SEED = 7;
// Fixed "now" and queried week: the store materialises series months around now, and the
// generated files fill 2026 (tests/fixtures/ics/generateIcs.ts).
const NOW_MS = Date.parse('2026-03-01T12:00:00Z');
const WEEK_START_MS = Date.parse('2026-03-02T00:00:00Z');

const result = {
  benchmark: 'ics',
  at: new Date().toISOString(),
  machine: { node: process.version, platform: `${process.platform} ${process.arch}`, loadAverageAtStart: loadavg().map((x) => round(x, 2)) },
  budgets: { '10000 events end to end': '<= 1000 ms', '50000 events end to end': '<= 5000 ms' },
  workload: {
    generator: 'tests/fixtures/ics/generateIcs.ts',
    seed: SEED,
    shape: '10% weekly series (COUNT=20) each with an EXDATE and a changed occurrence (RECURRENCE-ID); vtimezone: Windows TZIDs with VTIMEZONE blocks; bare: IANA TZIDs, no VTIMEZONE',
    storeNow: new Date(NOW_MS).toISOString(),
    queriedWeek: new Date(WEEK_START_MS).toISOString(),
  },
  summary: [],
  endToEnd: null,
  nodeParse: null,
  errors: [],
};

let printed = false;
async function finish() {
  if (printed) return;
  printed = true;
  result.machine.loadAverageAtEnd = loadavg().map((x) => round(x, 2));
  result.runtimeS = round((Date.now() - started) / 1000);
  const judged = result.summary.filter((s) => typeof s.pass === 'boolean');
  result.pass = judged.length > 0 ? judged.every((s) => s.pass) && result.errors.length === 0 : null;
  const json = JSON.stringify(result, null, 2);
  try {
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `ics-${result.at.replace(/[:.]/g, '-')}.json`);
    await writeFile(file, `${json}\n`);
    err(`[driver] done in ${result.runtimeS} s; also written to ${file}`);
  } catch (e) {
    err(`[driver] could not save the result: ${e?.message ?? e}`);
  }
  process.stdout.write(`${json}\n`);
}

/** Rejects after `ms`, so one stuck step still ends with the JSON printed. */
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, ko) => (timer = setTimeout(() => ko(new Error(`${what} took more than ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

// ---- end to end in Chromium --------------------------------------------------------------

async function buildPage() {
  const { build } = await import('vite');
  const t = Date.now();
  await build({
    configFile: false,
    root: path.join(root, 'bench', 'ics', 'browser'),
    base: './',
    logLevel: 'warn',
    clearScreen: false,
    publicDir: false,
    resolve: { dedupe: ['yjs'] },
    build: {
      outDir: pageDir,
      emptyOutDir: true,
      target: 'es2022',
      // Production-like by default; BENCH_MINIFY=0 keeps names readable in CPU profiles.
      minify: process.env.BENCH_MINIFY !== '0',
      sourcemap: false,
      reportCompressedSize: false,
      modulePreload: false,
    },
  });
  err(`[driver] built the ICS bench page in ${Date.now() - t} ms`);
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json' };

function serve(dir, port) {
  const server = createServer(async (req, res) => {
    try {
      const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.normalize(path.join(dir, p.endsWith('/') ? `${p}index.html` : p));
      if (!file.startsWith(dir + path.sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok, ko) => {
    server.once('error', (e) => ko(new Error(`cannot serve the ICS bench page on 127.0.0.1:${port} (${e.code}); pass --port`)));
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

function summariseProfile(profile, top = 30) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const f = nodes.get(profile.samples[i]).callFrame;
    const ms = (dt[i + 1] ?? dt[i] ?? 0) / 1000;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) : ''}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, selfMs: round(ms, 1), pct: round((100 * ms) / total, 1) }));
}

async function endToEnd() {
  const { chromium } = await import('playwright-core');
  if (!args['no-build']) await buildPage();
  const server = await serve(pageDir, Number(args.port ?? 47620));
  const profileDir = path.join(resultsDir, 'chromium-profile-ics');
  // A fresh on-disk profile: IndexedDB of an incognito context lives in memory, which is not what the app has.
  await rm(profileDir, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => err(`[page] ${m.text()}`));
    page.on('pageerror', (e) => err(`[page error] ${e.stack ?? e}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => 'icsImportBench' in window, null, { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    result.machine.chromium = product;
    result.machine.page = await page.evaluate(() => window.icsImportBench.machine());
    const call = (fn, arg, ms = 180_000) => withTimeout(page.evaluate(([f, a]) => window.icsImportBench[f](a), [fn, arg]), ms, `${fn}(${JSON.stringify(arg)})`);
    const base = { seed: SEED, nowMs: NOW_MS, weekStartMs: WEEK_START_MS, ...(args.batch ? { batch: Number(args.batch) } : {}) };

    err(`[driver] warm-up: ${Math.min(2_000, sizes[0])} events`);
    await call('run', { ...base, count: Math.min(2_000, sizes[0]), zones: 'vtimezone', run: -1 });

    const cases = [];
    for (const count of sizes) {
      for (const zones of ['vtimezone', 'bare']) {
        const name = `${count}-${zones}`;
        const all = [];
        for (let i = 0; i < runs; i++) {
          const profile = args.profile === name && i === 0;
          if (profile) {
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
            await cdp.send('Profiler.start');
          }
          const r = await call('run', { ...base, count, zones, run: i });
          if (profile) {
            const { profile: prof } = await cdp.send('Profiler.stop');
            const file = path.join(resultsDir, `ics-${name}.cpuprofile`);
            await mkdir(resultsDir, { recursive: true });
            await writeFile(file, JSON.stringify(prof));
            err(`[driver] CPU profile of ${name} (page thread; the worker is apart) in ${file}; top self time:`);
            for (const row of summariseProfile(prof)) err(`  ${String(row.selfMs).padStart(8)} ms ${String(row.pct).padStart(5)}%  ${row.fn}`);
          }
          err(`[driver] ${name} run ${i + 1}/${runs}: total ${round(r.totalMs)} ms (parse ${round(r.parseMs)}, write ${round(r.writeMs)}, index ${round(r.indexMs)}); week rows ${r.weekRows}${r.weekRowsMatch ? '' : ' (MISMATCH)'}`);
          all.push(r);
        }
        const breakdown = await call('parseBreakdown', { count, zones, seed: SEED });
        const first = all[0];
        const med = (k) => round(median(all.map((r) => r[k])));
        cases.push({
          name,
          events: count,
          file: zones === 'vtimezone' ? 'Windows TZIDs + VTIMEZONE' : 'IANA TZIDs, no VTIMEZONE',
          bytes: first.bytes,
          eventsImported: first.events,
          skipped: first.skipped,
          counts: first.counts,
          totalMs: med('totalMs'),
          phasesMs: { parse: med('parseMs'), write: med('writeMs'), index: med('indexMs') },
          runsTotalMs: all.map((r) => round(r.totalMs)),
          parseBreakdownMs: { workerRoundTripEmptyFile: round(breakdown.workerRoundTripEmptyMs), parseIcsOnPageThreadWarm: round(breakdown.parseIcsOnPageMs), zodCheckOfResult: round(breakdown.zodCheckMs), structuredCloneOfResult: round(breakdown.structuredCloneMs), jsonStringifyOfResult: round(breakdown.jsonStringifyMs), jsonParseOfResult: round(breakdown.jsonParseMs) },
          weekRows: first.weekRows,
          weekRowsMatch: all.every((r) => r.weekRowsMatch),
          reimportUnchangedMs: med('reimportMs'),
          reimportAllUnchanged: all.every((r) => r.reimportUnchanged === r.events),
          budgetMs: budgetFor(count),
          pass: budgetFor(count) === null ? null : med('totalMs') <= budgetFor(count),
        });
      }
    }
    return {
      what: 'median of the runs: parse = parseIcsInWorker (text posted to the module Web Worker, parseIcs there, the result checked with zod on the page); write = createCalendar + importParsedIcs (batches of 1,000, one importEvents each: Yjs transaction + IndexedDB flush of the update, outbox and index rows); index = the first store.queryRange of one week on the new calendar (Chromium, real IndexedDB on disk, a fresh database per run). reimport = importing the same events again (all unchanged).',
      runs,
      cases,
    };
  } finally {
    await context.close().catch(() => undefined);
    server.close();
  }
}

// ---- parsing in Node, beside node-ical ---------------------------------------------------------

async function nodeParse() {
  const bundle = path.join(root, 'bench', '.build', 'ics', 'icsParseBench.mjs');
  if (!args['no-build']) {
    const { build } = await import('rolldown');
    await build({ input: path.join(root, 'bench', 'ics', 'icsParseBench.ts'), platform: 'node', external: [/^[^./]/], logLevel: 'warn', output: { file: bundle, format: 'esm' } });
  }
  const { runParseBench } = await import(pathToFileURL(bundle).href);
  return {
    what: `parse only, in Node: median of ${runs} runs after a warm-up; the naive ical.js peer (one ICAL.Event per VEVENT, no grouping by UID) runs once after a warm-up on a ${naiveEvents}-event file of the same shape (it grows quadratically: ~95 s at 10,000 events)`,
    cases: runParseBench(sizes, runs, naiveEvents, err),
  };
}

try {
  if (wants('browser')) {
    try {
      result.endToEnd = await endToEnd();
    } catch (e) {
      result.errors.push(`end to end: ${e?.stack ?? e}`);
      err(`[driver] end to end failed: ${e?.stack ?? e}`);
    }
  }
  if (wants('node')) {
    try {
      result.nodeParse = await withTimeout(nodeParse(), 600_000, 'parsing in Node');
    } catch (e) {
      result.errors.push(`node parse: ${e?.stack ?? e}`);
      err(`[driver] node parse failed: ${e?.stack ?? e}`);
    }
  }
  for (const c of result.endToEnd?.cases ?? []) {
    const peer = result.nodeParse?.cases.find((n) => n.name === `${c.events} events, ${c.file}`);
    result.summary.push({
      file: `${c.events} events, ${c.file}`,
      endToEndMs: c.totalMs,
      budgetMs: c.budgetMs,
      pass: c.pass,
      phasesMs: c.phasesMs,
      nodeIcalParseOnlyMs: peer?.nodeIcalMs ?? null,
      tesseraParseOnlyInNodeMs: peer?.tesseraMs ?? null,
      endToEndVsNodeIcalParse: peer ? round(c.totalMs / peer.nodeIcalMs, 2) : null,
    });
  }
  for (const n of result.endToEnd ? [] : (result.nodeParse?.cases ?? [])) result.summary.push({ file: n.name, tesseraParseOnlyInNodeMs: n.tesseraMs, nodeIcalParseOnlyMs: n.nodeIcalMs });
} finally {
  await finish();
}
// scripts/bench.mjs imported this file and would go on to its own benchmarks.
process.exit(0);
