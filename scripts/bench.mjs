#!/usr/bin/env node
// Benchmarks that print one JSON object to stdout (progress goes to stderr).
//
//   npm run bench -- replica [options]
//   npm run bench -- relay [options]     (options: see "The relay benchmark" below)
//
//   --events N           calendar size (default 50000; --quick: 5000, fewer runs)
//   --seed N, --now ISO  workload seed and the fixed "now" it is generated around
//   --only a,b           run only some phases: load, index, weeks
//   --profile PHASE      CPU-profile one phase (load, index, rebuild, naiveIndex, weeks) into
//                        bench/results/replica-PHASE.cpuprofile and print the top functions;
//                        combine with BENCH_MINIFY=0 for readable names
//   --fresh              regenerate the workload even if the cached Chromium profile has it
//   --no-build           reuse bench/.build
//   --full-baseline      write every row of the no-window baseline index instead of a sample
//   --baseline-weeks N   weeks per set for the whole-document-scan baseline (default 3)
//   --port N             port of the bench page (default 47613; fixed, since IndexedDB is per origin)
//
// The replica benchmark builds bench/browser with vite, serves it on 127.0.0.1,
// and drives it in Debian's Chromium (real IndexedDB, real V8). See bench/README.md.
//
// The relay benchmark bundles bench/relay (with the relay, src/relay/startRelay.ts,
// when it exists) for Node with rolldown into bench/.build/relay and runs it:
//
//   --quick              100 subscribers only, fewer edits and runs, 500 idle connections,
//                        no cold-cache Radicale run
//   --only a,b           phases: fanout, replicate, memory, unload
//   --subscribers 100,1000   fan-out sizes     --edits N   measured edits per run (75)
//   --rounds N           fan-out runs per relay per size, alternating order (4)
//   --connections N      idle connections for the memory figure (2000)
//   --events N           calendar size for the replication figure (10000)
//   --unload-wait MS     how long to wait for a room to leave memory (45000)
//   --peer-only          measure the peers only, even if the relay exists
//   --peer-ws relay      run @y/websocket-server on the relay's ws (8.x) instead of its own (6.x)
//   --skip-radicale-nocache   skip Radicale's run with its item cache deleted
//   --profile-server K   CPU-profile every process of relay K (tessera or peer) into
//                        bench/results/relay-cpuprofiles and print the top functions
//   --wait-idle [LOAD]   first wait (up to 10 min) for the 1-minute load average to fall below LOAD (0.8)
//   --fresh              upload the calendar to Radicale again instead of reusing the stored upload
//   --no-build           reuse bench/.build/relay
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parseBenchArgs } from './benchArgs.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const benchDir = join(root, 'bench');
const buildDir = join(benchDir, '.build');
const resultsDir = join(benchDir, 'results');
const started = Date.now();
const err = (...a) => process.stderr.write(`${a.join(' ')}\n`);

const args = parseBenchArgs(process.argv.slice(2));
const which = args._[0] ?? 'replica';
// Newer benchmarks live in their own scripts (scripts/bench-<name>.mjs) and read process.argv themselves.
const OWN_SCRIPT = ['ics', 'schedule'];
if (OWN_SCRIPT.includes(which)) {
  await import(pathToFileURL(join(root, 'scripts', `bench-${which}.mjs`)).href);
} else if (which !== 'replica' && which !== 'relay') {
  err(`unknown benchmark "${which}"; available: replica, relay, ${OWN_SCRIPT.join(', ')}`);
  process.exit(2);
}
// One Chromium profile per calendar size, so --quick runs do not evict the full workload.
const profileDir = join(resultsDir, `chromium-profile-${Number(args.events ?? (args.quick ? 5_000 : 50_000))}`);
const only = typeof args.only === 'string' ? new Set(args.only.split(',')) : null;
const runs = (phase) => !only || only.has(phase);

// ---- build and serve ---------------------------------------------------------

async function buildPages() {
  const { build } = await import('vite');
  const t = Date.now();
  // logLevel warn: vite prints info on stdout, which is the JSON's.
  await build({ configFile: join(benchDir, 'vite.config.ts'), logLevel: 'warn' });
  err(`[driver] built bench pages in ${Date.now() - t} ms`);
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

function serve(dir, port) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(dir + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok, ko) => {
    server.once('error', (e) => ko(new Error(`cannot serve the bench page on 127.0.0.1:${port} (${e.code}); pass --port`)));
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

// ---- CDP helpers -----------------------------------------------------------------

async function heapUsed(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Heap held by a page object: used after GC with it alive, minus used after GC once released. */
async function heldHeap(page, cdp, kind) {
  const before = await heapUsed(cdp);
  const info = await page.evaluate((k) => window.replicaBench.hold(k), kind);
  const withIt = await heapUsed(cdp);
  await page.evaluate(() => window.replicaBench.release());
  const after = await heapUsed(cdp);
  return { mb: round((withIt - Math.min(before, after)) / 1e6, 1), usedWithMB: round(withIt / 1e6, 1), usedWithoutMB: round(after / 1e6, 1), ...info };
}

function summariseProfile(profile, top = 30) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const f = nodes.get(profile.samples[i]).callFrame;
    const ms = (dt[i + 1] ?? dt[i] ?? 0) / 1000;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? basename(f.url) : ''}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, selfMs: round(ms, 1), pct: round((100 * ms) / total, 1) }));
}

async function profiled(cdp, name, fn) {
  if (args.profile !== name) return fn();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `replica-${name}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  err(`[driver] CPU profile of "${name}" written to ${file}; top self time:`);
  for (const row of summariseProfile(profile)) err(`  ${String(row.selfMs).padStart(8)} ms ${String(row.pct).padStart(5)}%  ${row.fn}`);
  return result;
}

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Changes to any of these files (or to the options) regenerate the cached workload. */
async function workloadKey(opts) {
  const h = createHash('sha1');
  h.update(JSON.stringify(opts));
  for (const f of ['bench/browser/generateCalendar.ts', 'src/shared/model/eventDocument.ts', 'src/shared/model/CalendarEvent.ts', 'src/renderer/replica/TesseraDb.ts']) h.update(await readFile(join(root, f)));
  return h.digest('hex');
}

// ---- the replica benchmark ---------------------------------------------------------

async function replicaBench(page, cdp, chromiumVersion) {
  const quick = Boolean(args.quick);
  const opts = {
    seed: Number(args.seed ?? 20261116),
    events: Number(args.events ?? (quick ? 5_000 : 50_000)),
    recurringShare: 0.1,
    editsPerEvent: 5,
    clients: 3,
    // Fixed "now", so every run sees the same workload and the same index window.
    nowMs: Date.parse(args.now ?? '2026-11-16T12:00:00Z'),
  };
  const call = (fn, ...a) => page.evaluate(([f, xs]) => window.replicaBench[f](...xs), [fn, a]);
  const machine = { ...(await call('machine')), chromium: chromiumVersion, node: process.version, platform: `${process.platform} ${process.arch}`, loadAverageAtStart: loadavg().map((x) => round(x, 2)) };

  // Workload: generated once and kept in the benchmark's Chromium profile.
  const key = await workloadKey(opts);
  const markerFile = join(profileDir, 'tessera-bench-workload.json');
  let workload = null;
  let marker = null;
  if (!args.fresh) {
    try {
      marker = JSON.parse(await readFile(markerFile, 'utf8'));
      if (marker.key === key && (await call('adopt', opts, marker.workload))) workload = { ...marker.workload, reused: true };
    } catch {
      // No usable cache: generate.
    }
  }
  if (!workload) {
    err('[driver] generating and storing the workload (cached for later runs)');
    workload = await call('prepare', opts);
    marker = { key, workload };
    await writeFile(markerFile, JSON.stringify(marker));
    workload = { ...workload, reused: false };
  } else err(`[driver] reusing the stored workload from ${profileDir} (--fresh to regenerate)`);

  const out = {};
  const budgets = { loadMs: 250, loadHeapMB: 80, indexBuildMs: 2_000, weekQueryMs: 20 };

  if (runs('load')) {
    err('[driver] load');
    const loadRuns = [];
    await call('loadOnce'); // warm-up (JIT, IndexedDB connection)
    for (let i = 0; i < (quick ? 3 : 7); i++) loadRuns.push((await profiled(cdp, i === 0 ? 'load' : '-', () => call('loadOnce'))).ms);
    // Single-shot steps are noisy on a shared machine: median of three, per step.
    const bds = [];
    for (let i = 0; i < 3; i++) bds.push(await call('loadBreakdown'));
    const breakdown = Object.fromEntries(Object.keys(bds[0]).map((k) => [k, typeof bds[0][k] === 'number' ? median(bds.map((b) => b[k])) : bds[0][k]]));
    const floor = await call('loadFloor');
    const withRead = (f) => ({ ...f, plusReadAndChecksumMs: round(f.applyMs + (breakdown.idbReadMs + breakdown.checksumMs) * (f.bytes / breakdown.bytes), 1) });
    const heap = await heldHeap(page, cdp, 'compact');
    const replicaHeap = await heldHeap(page, cdp, 'replica');
    const loadMs = median(loadRuns);
    err(`[driver] compact load median ${loadMs} ms, ${heap.mb} MB held`);
    const naiveRuns = [await call('loadNaive')];
    if (naiveRuns[0].ms < 4_000) naiveRuns.push(await call('loadNaive'));
    const naiveHeap = await heldHeap(page, cdp, 'naive');
    const scaling = await call('mergeScaling', [1000, 2000, 4000, 8000]);
    const [a, b] = [scaling[2], scaling[3]];
    const exponent = Math.log(b.ms / a.ms) / Math.log(b.rows / a.rows);
    const naiveMs = round(median(naiveRuns.map((r) => r.ms)), 1);
    err(`[driver] naive log load median ${naiveMs} ms; Y.mergeUpdates grows as rows^${exponent.toFixed(2)}`);
    out.load = {
      what: 'loadDoc of the compacted calendar (1 IndexedDB row) into a fresh Y.Doc; heap held by that Y.Doc after GC',
      ms: loadMs,
      runsMs: loadRuns,
      heapMB: heap.mb,
      heapWithCalendarReplicaMB: replicaHeap.mb,
      breakdown,
      budget: { ms: budgets.loadMs, heapMB: budgets.loadHeapMB },
      pass: { ms: loadMs <= budgets.loadMs, heap: heap.mb <= budgets.loadHeapMB },
      baseline: {
        name: 'same history as an uncompacted update log (one IndexedDB row per edit), read with the same query and applied row by row in one Yjs transaction, as y-indexeddb loads it',
        rows: workload.naiveRows,
        ms: naiveMs,
        runs: naiveRuns,
        heapMB: naiveHeap.mb,
        loadDocOnThisLog: {
          note: 'loadDoc itself merges all rows with Y.mergeUpdates before applying; timed on the first n rows of the log and extrapolated from the last two sizes',
          mergeUpdates: scaling,
          growthExponent: round(exponent, 2),
          estimatedAllRowsS: round((b.ms * (workload.naiveRows / b.rows) ** exponent) / 1000, 0),
        },
      },
      ratio: round(naiveMs / loadMs, 1),
      floor: {
        what: 'the same live content without history, applied into a fresh Y.Doc (medians of 3); plusReadAndChecksumMs adds this run\'s IndexedDB read and checksum scaled by size. Both are floors for what compaction alone could reach with Yjs',
        structsNow: workload.doc?.structs ?? null,
        noHistory: withRead(floor.noHistory),
        oneEntryPerEvent: withRead(floor.oneEntryPerEvent),
      },
    };
  }

  const farWeeksFromNow = 156;
  if (runs('index')) {
    err('[driver] index build');
    const build = await profiled(cdp, 'index', () => call('indexBuild', quick ? 2 : 3, quick ? 2 : 3));
    // The whole store (overlay, replica, undo manager, index bookkeeping) with its index present.
    const storeHeap = await heldHeap(page, cdp, 'store');
    if (out.load) out.load.heapWholeStoreMB = storeHeap.mb;
    const breakdown = await profiled(cdp, 'rebuild', () => call('rebuildBreakdown', 20_000));
    const horizonMs = await call('weekStart', opts.nowMs, farWeeksFromNow + 24);
    const naive = await profiled(cdp, 'naiveIndex', () => call('naiveIndex', horizonMs, 20_000, Boolean(args['full-baseline'])));
    out.indexBuild = {
      what: 'the engine rebuilding the derived index: openCalendarStore on a DB with an empty index minus openCalendarStore with the index present until its documents are loaded (medians; ReplicaStore.rebuildIndex is private)',
      ms: build.buildMs,
      rows: breakdown.rows,
      records: build.info?.records ?? null,
      rowEntriesStored: build.info?.rowEntries ?? null,
      stores: build.info?.stores ?? null,
      ranges: build.info?.rangesIso ?? null,
      openWithoutIndexMs: build.openColdMs,
      openWithIndexMs: build.openWarmMs,
      openWithIndex: {
        what: 'with the index on disk the store resolves before the documents load (they load behind the views)',
        toQueryableMs: build.openToQueryableMs,
        toFirstWeekMs: build.openToFirstWeekMs,
        toDocumentsLoadedMs: build.openWarmMs,
      },
      breakdown: { ...breakdown, writeAndRestMs: round(build.buildMs - breakdown.decodeMs - breakdown.expandSinglesMs - breakdown.expandSeriesMs, 0) },
      budget: { ms: budgets.indexBuildMs },
      pass: build.buildMs <= budgets.indexBuildMs,
      baseline: { name: 'every series expanded from its start to the horizon (no window), one IndexedDB record per occurrence, written in one transaction', ...naive },
      ratio: round(naive.ms / build.buildMs, 1),
    };
  }

  if (runs('weeks')) {
    err('[driver] week queries');
    const weeks = await profiled(cdp, 'weeks', () => call('weeks', { weeksPerSet: quick ? 8 : 20, baselineWeeks: Number(args['baseline-weeks'] ?? (quick ? 2 : 3)), farWeeksFromNow }));
    const { near, far } = weeks.store;
    out.weekQuery = {
      what: 'store.queryRange for one week (display zone Europe/Berlin), median over 20 different weeks, each queried once before (firstVisit) and then timed; near = around now, far = 3 years out, timed in one seeded shuffle of both sets',
      near,
      far,
      waitedForDocumentsMs: weeks.store.waitedForDocumentsMs,
      indexBefore: weeks.store.indexBefore,
      indexAfter: weeks.store.indexAfter,
      budget: { ms: budgets.weekQueryMs },
      pass: { near: near.medianMs <= budgets.weekQueryMs, far: far.medianMs <= budgets.weekQueryMs },
      baseline: { name: 'no index: readEvent for every key of the document, then buildRows (expandSeries from each series start) for the week', ...weeks.baseline },
      ratio: { near: round(weeks.baseline.near.medianMs / near.medianMs, 0), far: round(weeks.baseline.far.medianMs / far.medianMs, 0) },
      sameRowsAsBaseline: weeks.sameRowsAsBaseline,
      mismatches: weeks.mismatches,
    };
  }

  const passes = [out.load?.pass.ms, out.load?.pass.heap, out.indexBuild?.pass, out.weekQuery?.pass.near, out.weekQuery?.pass.far].filter((p) => p !== undefined);
  machine.loadAverageAtEnd = loadavg().map((x) => round(x, 2));
  return {
    bench: 'replica',
    at: new Date().toISOString(),
    machine,
    workload: {
      now: new Date(opts.nowMs).toISOString(),
      seed: opts.seed,
      editsPerEvent: opts.editsPerEvent,
      ...workload.stats,
      doc: workload.doc,
      compactBytes: workload.compactBytes,
      naiveLogRows: workload.naiveRows,
      naiveLogBytes: workload.naiveBytes,
      prepareMs: workload.timingsMs,
      reusedFromCache: workload.reused,
    },
    budgets,
    ...out,
    pass: passes.every(Boolean),
  };
}

// ---- main -----------------------------------------------------------------------------

async function main() {
  if (!args['no-build']) await buildPages();
  const server = await serve(buildDir, Number(args.port ?? 47613));
  const { port } = server.address();
  if (args.fresh) await rm(profileDir, { recursive: true, force: true });
  await mkdir(profileDir, { recursive: true });
  // A persistent profile, so the generated workload (about 150 MB of IndexedDB) survives between runs.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  let result;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => err(`[page] ${m.text()}`));
    page.on('pageerror', (e) => err(`[page error] ${e.stack ?? e}`));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(() => 'replicaBench' in window, null, { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    result = await replicaBench(page, cdp, product);
    result.runtimeS = round((Date.now() - started) / 1000, 0);
  } finally {
    await context.close();
    server.close();
  }
  const file = join(resultsDir, `replica-${result.at.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  err(`[driver] done in ${result.runtimeS} s; also written to ${file}`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

// ---- the relay benchmark ------------------------------------------------------------------

/** Bundles bench/relay for Node (dependencies stay in node_modules); the relay too when it exists. */
async function buildRelayBench(outDir) {
  const { build } = await import('rolldown');
  const t = Date.now();
  const relayEntry = join(root, 'src/relay/startRelay.ts');
  const input = {
    relayBench: join(benchDir, 'relay/relayBench.ts'),
    serverMain: join(benchDir, 'relay/serverMain.ts'),
    subscriberHost: join(benchDir, 'relay/subscriberHost.ts'),
    workload: join(benchDir, 'browser/generateCalendar.ts'),
  };
  const bundle = (entries) =>
    build({
      input: entries,
      platform: 'node',
      // Bare imports (yjs, ws, better-sqlite3, ...) load from node_modules, so there is one copy of yjs.
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:/.test(id),
      output: { dir: outDir, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true, minify: false },
      logLevel: 'warn',
    });
  await rm(outDir, { recursive: true, force: true });
  let relay = { built: false, reason: 'src/relay/startRelay.ts does not exist (yet)' };
  if (existsSync(relayEntry)) {
    try {
      await bundle({ ...input, tesseraEntry: join(benchDir, 'relay/tesseraEntry.ts') });
      relay = { built: true };
    } catch (e) {
      relay = { built: false, reason: `bundling src/relay/startRelay.ts failed: ${String(e?.message ?? e).slice(0, 2000)}` };
      err(`[driver] ${relay.reason}`);
    }
  }
  if (!relay.built) await bundle(input);
  err(`[driver] bundled bench/relay in ${Date.now() - t} ms${relay.built ? ' (with the relay)' : ''}`);
  return relay;
}

async function relayMain() {
  const outDir = join(buildDir, 'relay');
  let relay;
  if (args['no-build'] && existsSync(join(outDir, 'relayBench.mjs'))) {
    relay = existsSync(join(outDir, 'tesseraEntry.mjs')) ? { built: true } : { built: false, reason: 'bench/.build/relay has no tesseraEntry.mjs (--no-build)' };
  } else relay = await buildRelayBench(outDir);
  const { runRelayBench } = await import(pathToFileURL(join(outDir, 'relayBench.mjs')).href);
  if (args['wait-idle']) {
    // The machines are shared: wait (up to 10 minutes) for the 1-minute load average to drop.
    const limit = Number(args['wait-idle'] === true ? 0.8 : args['wait-idle']);
    const until = Date.now() + 10 * 60_000;
    while (loadavg()[0] > limit && Date.now() < until) {
      err(`[driver] load average ${loadavg()[0].toFixed(2)} > ${limit}: waiting`);
      await new Promise((ok) => setTimeout(ok, 15_000));
    }
  }
  const profileDir = join(resultsDir, 'relay-cpuprofiles');
  if (args['profile-server']) await rm(profileDir, { recursive: true, force: true });
  const result = await runRelayBench({ root, buildDir: outDir, args, log: (s) => err(s), relay });
  result.runtimeS = round((Date.now() - started) / 1000, 0);
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `relay-${result.at.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  if (args['profile-server']) {
    const { readdir } = await import('node:fs/promises');
    for (const f of (await readdir(profileDir).catch(() => [])).filter((x) => x.endsWith('.cpuprofile'))) {
      err(`[driver] CPU profile of a ${args['profile-server']} process: ${join(profileDir, f)}; top self time:`);
      for (const row of summariseProfile(JSON.parse(await readFile(join(profileDir, f), 'utf8')), 25)) err(`  ${String(row.selfMs).padStart(8)} ms ${String(row.pct).padStart(5)}%  ${row.fn}`);
    }
  }
  err(`[driver] done in ${result.runtimeS} s; also written to ${file}`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  // Children are gone; do not wait for stray sockets or timers.
  process.exit(0);
}

if (!OWN_SCRIPT.includes(which)) (which === 'relay' ? relayMain() : main()).catch((e) => {
  err(e?.stack ?? String(e));
  process.exit(1);
});
