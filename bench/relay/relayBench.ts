/**
 * `npm run bench -- relay`: the relay against @y/websocket-server 0.1.1 (fan-out,
 * memory per idle connection, room unload) and against Radicale (a new device
 * replicating 10,000 events), each in the same run. scripts/bench.mjs bundles this
 * file with rolldown and calls runRelayBench; it returns the JSON object.
 *
 * Processes: this one (the coordinator: editor, new-device client, Radicale's
 * client) forks one process per relay under test (serverMain.ts, --expose-gc)
 * and one subscriber host (subscriberHost.ts) for the many sockets.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import * as Y from 'yjs';
import { groupMap, parseGroup, writeEvent } from '../../src/shared/model/eventDocument';
import { isPrivateStub, privateStub } from '../../src/shared/protocol/projectGroups';
import { DocClient, readRows, replicateOnce, type ReplicateRun } from './clients';
import { eventsToIcs } from './eventsToIcs';
import { HostProc, ServerProc } from './processes';
import { calendarDataOf, dropCache, freePort, radicaleVersion, reportAll, startRadicale, uploadCalendar, type Radicale } from './radicale';
import { median, round, sleep, summarise } from './stats';
import { peerTarget, type Target } from './targets';
import { tesseraTarget } from './tesseraTarget';

export interface RelayBenchContext {
  root: string;
  /** Where scripts/bench.mjs put the bundles (serverMain.mjs, subscriberHost.mjs, startRelay.mjs, workload.mjs). */
  buildDir: string;
  args: Record<string, string | boolean | undefined>;
  log: (s: string) => void;
  /** Whether src/relay/startRelay.ts existed and was bundled; else why not. */
  relay: { built: true } | { built: false; reason: string };
}

export const BUDGETS = {
  fanoutP99Ms: 15,
  /** The brief's bound; DESIGN.md's Budgets table asks for "<= the peer" (ratio 1.0). */
  fanoutP99VsPeer: 1.5,
  replicateMs: 1_000,
  idleConnectionBytes: 16 * 1024,
  unloadMs: 30_000,
};

interface WorkloadModule {
  generateCalendar(opts: { seed: number; events: number; recurringShare: number; editsPerEvent: number; nowMs: number; clients: number; calendarName: string }): {
    doc: Y.Doc;
    updates: Uint8Array[];
    stats: Record<string, unknown>;
  };
}

type Kind = 'tessera' | 'peer';

export async function runRelayBench(ctx: RelayBenchContext): Promise<Record<string, unknown>> {
  const { args, log } = ctx;
  const quick = Boolean(args.quick);
  const only = typeof args.only === 'string' ? new Set(args.only.split(',')) : null;
  const runs = (phase: string) => !only || only.has(phase);
  const withTessera = ctx.relay.built && !args['peer-only'];
  const kinds: Kind[] = withTessera ? ['tessera', 'peer'] : ['peer'];
  const tmpRoot = await mkdtemp(join(tmpdir(), 'tessera-relay-bench-'));
  const children: ServerProc[] = [];
  const hosts: HostProc[] = [];

  const startServer = async (kind: Kind, dataDir?: string): Promise<Target> => {
    const profileDir = typeof args['profile-server'] === 'string' && args['profile-server'] === kind ? join(ctx.root, 'bench', 'results', 'relay-cpuprofiles') : undefined;
    const peerWs = args['peer-ws'] === 'relay' ? 'relay' : 'own';
    const server = await ServerProc.start(ctx.buildDir, { kind, peerWs, dataDir: dataDir ?? (await mkdtemp(join(tmpRoot, 'relay-'))) }, log, profileDir);
    children.push(server);
    return kind === 'peer' ? peerTarget(server) : tesseraTarget(server);
  };
  const stopServer = async (t: Target) => {
    await t.server.stop();
    children.splice(children.indexOf(t.server), 1);
  };
  const startHost = async () => {
    const h = await HostProc.start(ctx.buildDir, log, 'subscribers');
    hosts.push(h);
    return h;
  };

  const machine: Record<string, unknown> = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGB: round(totalmem() / 2 ** 30, 1),
    loadAverageAtStart: loadavg().map((x) => round(x, 2)),
  };
  const out: Record<string, unknown> = {};
  const passes: boolean[] = [];
  try {
    if (runs('fanout')) out.fanout = await fanoutSuite();
    if (runs('replicate')) out.replicate = await replicateSuite();
    if (runs('memory')) out.idleConnection = await memorySuite();
    if (runs('unload')) out.roomUnload = await unloadSuite();
  } finally {
    for (const h of hosts) h.exit();
    await Promise.all(children.map((c) => c.stop()));
    await rm(tmpRoot, { recursive: true, force: true });
  }
  machine.loadAverageAtEnd = loadavg().map((x) => round(x, 2));
  return {
    bench: 'relay',
    at: new Date().toISOString(),
    summary: summarise_(out),
    machine,
    options: { quick, only: only ? [...only] : null },
    relay: ctx.relay.built ? { present: true, measured: withTessera } : { present: false, reason: ctx.relay.reason, note: 'only the peers were measured' },
    peers: { ywebsocketServer: { ...peerInfo(ctx), ...(args['peer-ws'] === 'relay' ? { ws: 'the relay\'s (--peer-ws relay)' } : {}) }, radicale: radicaleVersion() ?? 'not installed' },
    budgets: BUDGETS,
    ...out,
    pass: withTessera && passes.length > 0 ? passes.every(Boolean) : null,
  };

  // ---- 1. fan-out ---------------------------------------------------------------

  async function fanoutSuite() {
    const sizes = typeof args.subscribers === 'string' ? args.subscribers.split(',').map(Number) : quick ? [100] : [100, 1_000];
    // Short runs, many of them, alternating which relay goes first: on a shared
    // machine, load that comes and goes then falls on both relays alike.
    const edits = Number(args.edits ?? (quick ? 40 : 75));
    const warmup = quick ? 5 : 10;
    const rounds = Number(args.rounds ?? (quick ? 2 : 4));
    const host = await startHost();
    const targets = new Map<Kind, Target>();
    for (const k of kinds) targets.set(k, await startServer(k));
    const bySize: Record<string, unknown> = {};
    for (const n of sizes) {
      const acc = new Map<Kind, FanoutRun[]>();
      for (let r = 0; r < rounds; r++) {
        // Alternate who goes first, so drift in the machine's load hits both alike.
        const order = r % 2 === 0 ? kinds : [...kinds].reverse();
        for (const k of order) {
          log(`[relay bench] fan-out: ${k}, ${n} subscribers, round ${r + 1}/${rounds}`);
          const run = await fanoutRun(targets.get(k)!, host, n, edits, warmup, `fanout${n}r${r}`);
          acc.set(k, [...(acc.get(k) ?? []), run]);
        }
      }
      const summary = Object.fromEntries([...acc].map(([k, rs]) => [k, summariseFanout(rs)]));
      const t = summary.tessera as FanoutSummary | undefined;
      const p = summary.peer as FanoutSummary;
      const entry: Record<string, unknown> = { subscribers: n, ...summary };
      if (t) {
        const ratio = round(t.latencyMs.p99 / p.latencyMs.p99);
        entry.ratioP99VsPeer = ratio;
        entry.ratioP50VsPeer = round(t.latencyMs.p50 / p.latencyMs.p50);
        entry.ratioMedianOfRunP99VsPeer = round((t.medianOfRunP99Ms as number) / (p.medianOfRunP99Ms as number));
        const cpu = (x: FanoutSummary) => median((x.serverCpuMsPerEdit as (number | null)[]).filter((v): v is number => v !== null));
        entry.ratioServerCpuPerEditVsPeer = round(cpu(t) / cpu(p));
        entry.pass = { p99Budget: t.latencyMs.p99 <= BUDGETS.fanoutP99Ms, vsPeer: ratio <= BUDGETS.fanoutP99VsPeer, noLoss: t.lost === 0 };
        if (n >= 1_000) passes.push(t.latencyMs.p99 <= BUDGETS.fanoutP99Ms, ratio <= BUDGETS.fanoutP99VsPeer, t.lost === 0);
        else passes.push(ratio <= BUDGETS.fanoutP99VsPeer, t.lost === 0);
      }
      bySize[String(n)] = entry;
    }
    for (const t of targets.values()) await stopServer(t);
    return {
      what: 'one editor (a Y.Doc client, writeEvent on one event per edit, title carrying a sequence number) and N subscribers of the same cal/<id>/full room; latency = subscriber receipt minus editor send, every (edit, subscriber) pair',
      method: {
        clock: 'process.hrtime (CLOCK_MONOTONIC), shared by the coordinator and the subscriber host on one machine',
        send: 'stamped just before ws.send of the encoded update frame, in the coordinator process',
        receipt: "stamped first thing in the subscriber socket's message handler, before any decoding",
        subscribers: `one subscriber-host process holds all N sockets (ws 8, no compression); each sends sync step 1 of an empty state, answers the relay's step 1 with an empty step 2, reads only the frame header with lib0 and finds the sequence marker in the frame bytes, holding no Y.Doc; 2 of each N apply every frame to a real Y.Doc and check the edit (verifyFailures)`,
        pacing: `one edit at a time: the next is sent 10-20 ms after every subscriber has it (or 5 s passed: counted as lost); ${warmup} warm-up edits per run not counted; ${edits} measured edits per run, ${rounds} run(s) per relay per N, alternating which relay goes first`,
        processes: 'each relay in its own process (one at a time under load), the subscriber host in another, the editor in the coordinator',
      },
      bySubscribers: bySize,
    };
  }

  interface FanoutRun {
    latencies: Float64Array;
    lastPerEdit: number[];
    lost: number;
    opened: number;
    openErrors: Record<string, number>;
    openMs: number;
    serverCpuMsPerEdit: number | null;
    subscriberHostCpuMsPerEdit: number | null;
    closeCodes: Record<string, number>;
    unexpectedCloses: number;
    verifyFailures: number;
  }
  interface FanoutSummary {
    latencyMs: ReturnType<typeof summarise>;
    lastSubscriberPerEditMs: ReturnType<typeof summarise>;
    lost: number;
    [k: string]: unknown;
  }

  async function fanoutRun(t: Target, host: HostProc, n: number, edits: number, warmup: number, calendarName: string): Promise<FanoutRun> {
    const calendarId = await t.calendar(calendarName);
    const url = t.roomUrl(`cal/${calendarId}/full`);
    const editor = await DocClient.connect(url);
    editor.seedProbe();
    const opened = await host.open(url, n, Math.min(2, n));
    const latencies = new Float64Array(edits * opened.open);
    let filled = 0;
    const lastPerEdit: number[] = [];
    let lost = 0;
    let cpu0: number | null = null;
    let hostCpu0: number | null = null;
    for (let seq = 1; seq <= warmup + edits; seq++) {
      if (seq === warmup + 1) {
        cpu0 = cpuMs(t.server.pid);
        hostCpu0 = cpuMs(host.pid);
      }
      const got = host.waitFor(seq, 5_000);
      const sent = editor.edit(seq);
      const at = await got;
      if (seq > warmup) {
        let last = 0;
        for (const a of at) {
          if (Number.isNaN(a)) {
            lost++;
            continue;
          }
          const ms = (a - sent) / 1e6;
          latencies[filled++] = ms;
          if (ms > last) last = ms;
        }
        lastPerEdit.push(last);
      }
      await sleep(10 + Math.random() * 10);
    }
    const cpu1 = cpuMs(t.server.pid);
    const hostCpu1 = cpuMs(host.pid);
    const closed = await host.close();
    await editor.close();
    return {
      latencies: latencies.subarray(0, filled),
      lastPerEdit,
      lost,
      opened: opened.open,
      openErrors: opened.errors,
      openMs: round(opened.ms, 0),
      serverCpuMsPerEdit: cpu0 !== null && cpu1 !== null ? round((cpu1 - cpu0) / edits, 3) : null,
      subscriberHostCpuMsPerEdit: hostCpu0 !== null && hostCpu1 !== null ? round((hostCpu1 - hostCpu0) / edits, 3) : null,
      closeCodes: closed.closeCodes,
      unexpectedCloses: closed.unexpectedCloses,
      verifyFailures: closed.verifyFailures,
    };
  }

  function summariseFanout(rs: FanoutRun[]): FanoutSummary {
    const all = new Float64Array(rs.reduce((s, r) => s + r.latencies.length, 0));
    let o = 0;
    for (const r of rs) {
      all.set(r.latencies, o);
      o += r.latencies.length;
    }
    return {
      latencyMs: summarise(all),
      lastSubscriberPerEditMs: summarise(rs.flatMap((r) => r.lastPerEdit)),
      perRunP99Ms: rs.map((r) => summarise(r.latencies).p99),
      lost: rs.reduce((s, r) => s + r.lost, 0),
      subscribersOpened: rs.map((r) => r.opened),
      openErrors: rs.map((r) => r.openErrors).filter((e) => Object.keys(e).length),
      openAllMs: rs.map((r) => r.openMs),
      serverCpuMsPerEdit: rs.map((r) => r.serverCpuMsPerEdit),
      subscriberHostCpuMsPerEdit: rs.map((r) => r.subscriberHostCpuMsPerEdit),
      medianOfRunP99Ms: round(median(rs.map((r) => summarise(r.latencies).p99))),
      unexpectedCloses: rs.reduce((s, r) => s + r.unexpectedCloses, 0),
      verifyFailures: rs.reduce((s, r) => s + r.verifyFailures, 0),
      closeCodes: rs.map((r) => r.closeCodes),
    };
  }

  // ---- 2. a new device replicates 10,000 events -------------------------------------

  async function replicateSuite() {
    const events = Number(args.events ?? 10_000);
    const warmRuns = quick ? 3 : 7;
    log(`[relay bench] replicate: generating ${events} events`);
    const t0 = performance.now();
    const { generateCalendar } = (await import(new URL('./workload.mjs', import.meta.url).href)) as WorkloadModule;
    const wl = generateCalendar({ seed: Number(args.seed ?? 20261116), events, recurringShare: 0.1, editsPerEvent: 5, nowMs: Date.parse('2026-11-16T12:00:00Z'), clients: 3, calendarName: 'Relay bench' });
    const stubbed = stubPrivateEvents(wl.doc);
    const expectedRows = groupMap(wl.doc, 'when').size;
    const rows = readRows(wl.doc);
    const state = Y.encodeStateAsUpdate(wl.doc);
    const chunks = [state];
    const generateMs = round(performance.now() - t0, 0);
    const workload = {
      events,
      rows: expectedRows,
      editsPerEvent: 5,
      historyUpdates: wl.updates.length,
      privateEventsStubbed: stubbed,
      stateBytes: state.length,
      generateMs,
      generator: 'bench/browser/generateCalendar.ts (the replica benchmark workload, seeded); private events then replaced by their busy stub, as `full` holds them (the relay refuses private details in `full`); uploaded as one frame, the whole state, as a device\'s first sync sends it',
    };

    const result: Record<string, unknown> = {
      what: 'a new device: from creating the socket to every event of cal/<id>/full read into rows (fresh Y.Doc, sync step 1 of an empty state, apply the relay\'s step 2, readEvent for every key)',
      workload,
    };
    const peer = await startServer('peer');
    const peerUrl = peer.roomUrl(`cal/${await peer.calendar('replica')}/full`);
    await upload(peerUrl, chunks, expectedRows);
    // One unmeasured run first, so the client's JIT is warm for whichever relay goes first.
    await replicateOnce(peerUrl);

    if (withTessera) {
      log('[relay bench] replicate: tessera');
      const dataDir = await mkdtemp(join(tmpRoot, 'relay-'));
      let t = await startServer('tessera', dataDir);
      const calendarId = await t.calendar('replica');
      let url = t.roomUrl(`cal/${calendarId}/full`);
      const uploadStart = performance.now();
      await upload(url, chunks, expectedRows);
      const uploadMs = round(performance.now() - uploadStart, 0);
      const warm = await warmRunsWhileHeld(url, warmRuns);
      // Cold room, warm process: wait for the relay to drop the room, then replicate.
      const unload = await waitUnloaded(t, `cal/${calendarId}/full`, 60_000);
      let coldRoom: ReplicateRun | { skipped: string };
      if (unload.unloadedAfterMs !== null) coldRoom = await replicateOnce(url);
      else coldRoom = { skipped: 'the room did not leave memory within 60 s (or the relay does not report rooms)' };
      // Cold process: a relay just started on the same data directory.
      await stopServer(t);
      t = await startServer('tessera', dataDir);
      url = t.roomUrl(`cal/${calendarId}/full`);
      const coldProcess = await replicateOnce(url);
      const afterRestart = await replicateOnce(url);
      await stopServer(t);
      const warmMs = median(warm.map((r) => r.queryableMs));
      const coldMs = 'queryableMs' in coldRoom ? coldRoom.queryableMs : null;
      result.tessera = {
        warm: { medianMs: warmMs, runs: warm, note: 'room already loaded (another device connected)' },
        coldRoom: { ...coldRoom, waitedForUnloadMs: unload.unloadedAfterMs, note: 'room unloaded by the relay, process warm: loads the document from its store' },
        coldProcess: { ...coldProcess, note: 'first client of a relay process just started on the same data directory' },
        secondAfterRestart: afterRestart,
        uploadMs,
      };
      passes.push(warmMs <= BUDGETS.replicateMs, (coldMs ?? coldProcess.queryableMs) <= BUDGETS.replicateMs);
      (result.tessera as Record<string, unknown>).pass = { warm: warmMs <= BUDGETS.replicateMs, cold: (coldMs ?? coldProcess.queryableMs) <= BUDGETS.replicateMs };
    }

    log('[relay bench] replicate: @y/websocket-server');
    const peerWarm = await warmRunsWhileHeld(peerUrl, warmRuns);
    await stopServer(peer);
    result.ywebsocketServer = {
      note: 'extra reference: @y/websocket-server 0.1.1 holds the document in memory (no persistence), so only warm',
      warm: { medianMs: median(peerWarm.map((r) => r.queryableMs)), runs: peerWarm },
    };
    result.radicale = await radicaleRuns(rows, expectedRows, warmRuns);
    const tw = result.tessera as { warm: { medianMs: number } } | undefined;
    const rw = result.radicale as { warm?: { medianMs: number } };
    if (tw && rw.warm) result.ratioWarmVsRadicale = round(rw.warm.medianMs / tw.warm.medianMs, 1);
    return result;
  }

  async function upload(url: string, chunks: Uint8Array[], expectedRows: number) {
    const up = await DocClient.connect(url);
    await up.sendUpdates(chunks);
    // Until a new device sees every row (the relay stores before it broadcasts).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await replicateOnce(url);
      if (r.rows === expectedRows) break;
      if (up.closed) throw new Error(`upload: the relay closed the uploader's socket (${up.closed.code} ${up.closed.reason}); a new device sees ${r.rows} of ${expectedRows} rows`);
      if (Date.now() > deadline) throw new Error(`upload: a new device sees ${r.rows} of ${expectedRows} rows`);
      await sleep(200);
    }
    await up.close();
  }

  async function warmRunsWhileHeld(url: string, n: number): Promise<ReplicateRun[]> {
    const holder = await DocClient.connect(url);
    const out: ReplicateRun[] = [];
    for (let i = 0; i < n; i++) out.push(await replicateOnce(url));
    await holder.close();
    return out;
  }

  async function radicaleRuns(rows: ReturnType<typeof readRows>, expectedRows: number, warmRuns: number) {
    const version = radicaleVersion();
    if (!version) return { skipped: 'radicale is not installed (apt-get install -y radicale)' };
    log(`[relay bench] replicate: Radicale ${version}`);
    const dir = await mkdtemp(join(tmpRoot, 'radicale-'));
    const port = await freePort();
    const rlog = (s: string) => log(`[radicale] ${s}`);
    const ics = eventsToIcs(rows);
    const uids = new Set(rows.map((r) => r.uid)).size;
    // Radicale takes minutes to take in 10,000 events, so its store is kept in
    // bench/results (keyed by the calendar and Radicale's version) and copied for each run.
    const key = createHash('sha1').update(version).update(ics).digest('hex').slice(0, 16);
    const cacheDir = join(ctx.root, 'bench', 'results', `radicale-store-${key}`);
    const markerFile = join(cacheDir, 'tessera-bench.json');
    let uploaded: { ms: number; at: string; reused: boolean } | null = null;
    if (!args.fresh && existsSync(markerFile)) {
      uploaded = { ...(JSON.parse(readFileSync(markerFile, 'utf8')) as { ms: number; at: string }), reused: true };
      await cp(join(cacheDir, 'store'), join(dir, 'store'), { recursive: true });
      log(`[relay bench] Radicale: reusing the stored upload in ${cacheDir} (--fresh to upload again)`);
    }
    let r: Radicale = await startRadicale(dir, port, rlog);
    try {
      if (!uploaded) {
        log('[relay bench] Radicale: uploading the calendar (takes minutes; kept for later runs)');
        const tu = performance.now();
        await uploadCalendar(r, ics);
        uploaded = { ms: round(performance.now() - tu, 0), at: new Date().toISOString(), reused: false };
        await r.stop();
        await rm(cacheDir, { recursive: true, force: true });
        await cp(join(dir, 'store'), join(cacheDir, 'store'), { recursive: true });
        await writeFile(markerFile, JSON.stringify({ ms: uploaded.ms, at: uploaded.at }));
      }
      const uploadMs = uploaded.ms;
      await r.stop();
      r = await startRadicale(dir, port, rlog);
      const cold = await reportAll(r);
      const check = checkReport(cold.body, uids, expectedRows);
      const warm: number[] = [];
      let lastBody = cold.body;
      for (let i = 0; i < warmRuns; i++) {
        const w = await reportAll(r);
        warm.push(round(w.ms, 1));
        lastBody = w.body;
      }
      const parse = parseReport(lastBody);
      let coldNoCache: Record<string, unknown> | undefined;
      if (!quick && !args['skip-radicale-nocache']) {
        await r.stop();
        await dropCache(r);
        r = await startRadicale(dir, port, rlog);
        const c = await reportAll(r);
        coldNoCache = { ms: round(c.ms, 0), note: "process restarted and its on-disk item cache (.Radicale.cache) deleted: every item parsed again" };
      }
      return {
        version,
        what: 'one CalDAV REPORT calendar-query (every VEVENT with getetag + calendar-data, Depth 1) on a loopback Radicale (filesystem storage, auth none), timed to the last byte',
        upload: { ms: uploadMs, reusedFromEarlierRun: uploaded.reused, uploadedAt: uploaded.at, icsBytes: Buffer.byteLength(ics), resources: uids, how: 'one PUT of the whole VCALENDAR to the collection (Radicale splits it into one item per UID)' },
        cold: { ms: round(cold.ms, 0), bytes: cold.bytes, note: 'first REPORT after the Radicale process started (its on-disk item cache present)' },
        ...(coldNoCache ? { coldNoCache } : {}),
        warm: { medianMs: median(warm), runsMs: warm },
        check,
        toRows: parse,
      };
    } catch (e) {
      return { version, error: e instanceof Error ? e.message : String(e) };
    } finally {
      await r.stop();
    }
  }

  // ---- 3. memory per idle connection -------------------------------------------------

  async function memorySuite() {
    const count = Number(args.connections ?? (quick ? 500 : 2_000));
    const host = await startHost();
    const result: Record<string, unknown> = {
      what: `bytes the relay process holds per idle authenticated connection: ${count} subscribers synced to one already-loaded room, memory after forced GC (--expose-gc, 4 passes) minus the same before they connected, divided by ${count}`,
      connections: count,
    };
    for (const k of kinds) {
      log(`[relay bench] idle connections: ${k}`);
      const t = await startServer(k);
      const url = t.roomUrl(`cal/${await t.calendar('idle')}/full`);
      const holder = await DocClient.connect(url);
      holder.edit(1);
      await sleep(500);
      const m0 = await t.server.mem();
      const opened = await host.open(url, count, 0);
      await sleep(1_000);
      const m1 = await t.server.mem();
      const closed = await host.close();
      await sleep(1_000);
      const m2 = await t.server.mem();
      // A second wave on the same process: RSS the allocator has kept from the
      // first is reused, so this delta is closer to what live connections hold.
      const again = await host.open(url, count, 0);
      await sleep(1_000);
      const m3 = await t.server.mem();
      await host.close();
      await holder.close();
      await stopServer(t);
      const per = (key: keyof NodeJS.MemoryUsage) => Math.round((m1[key] - m0[key]) / Math.max(1, opened.open));
      const heapPlusExternal = per('heapUsed') + per('external');
      result[k] = {
        opened: opened.open,
        openErrors: opened.errors,
        perConnectionBytes: {
          heapUsed: per('heapUsed'),
          external: per('external'),
          arrayBuffers: per('arrayBuffers'),
          heapUsedPlusExternal: heapPlusExternal,
          rss: per('rss'),
          heapTotal: per('heapTotal'),
          rssOutsideV8Heap: per('rss') - per('heapTotal'),
          secondWave: { heapUsed: Math.round((m3.heapUsed - m2.heapUsed) / Math.max(1, again.open)), rss: Math.round((m3.rss - m2.rss) / Math.max(1, again.open)) },
        },
        processMB: {
          before: mb(m0),
          withConnections: mb(m1),
          afterTheyClosed: mb(m2),
          secondWave: mb(m3),
        },
        unexpectedCloses: closed.unexpectedCloses,
      };
      if (k === 'tessera') {
        const pass = { heapPlusExternal: heapPlusExternal <= BUDGETS.idleConnectionBytes, rss: per('rss') <= BUDGETS.idleConnectionBytes };
        (result[k] as Record<string, unknown>).pass = pass;
        passes.push(pass.heapPlusExternal);
      }
    }
    const t = result.tessera as { perConnectionBytes: { heapUsedPlusExternal: number; rss: number } } | undefined;
    const p = result.peer as { perConnectionBytes: { heapUsedPlusExternal: number; rss: number } };
    if (t) result.ratioVsPeer = { heapUsedPlusExternal: round(t.perConnectionBytes.heapUsedPlusExternal / p.perConnectionBytes.heapUsedPlusExternal), rss: round(t.perConnectionBytes.rss / p.perConnectionBytes.rss) };
    result.budgetNote =
      'pass is judged on heapUsed + external (what the relay allocates for live connections, JS and buffers); rss is shown beside it and is coarser: it keeps what the allocator and V8 grew to during the handshakes (see processMB.afterTheyClosed), so secondWave repeats the test on the same process, where that memory is reused';
    return result;
  }

  // ---- 4. a room leaves memory after its last client -----------------------------------

  async function unloadSuite() {
    const limitMs = Number(args['unload-wait'] ?? 45_000);
    const result: Record<string, unknown> = {
      what: 'from the last client\'s socket closing (close handshake done) to the relay reporting the room unloaded; a client wrote 1,000 events first, then left',
    };
    const { generateCalendar } = (await import(new URL('./workload.mjs', import.meta.url).href)) as WorkloadModule;
    const wl = generateCalendar({ seed: 7, events: 1_000, recurringShare: 0.1, editsPerEvent: 0, nowMs: Date.parse('2026-11-16T12:00:00Z'), clients: 1, calendarName: 'Unload' });
    stubPrivateEvents(wl.doc);
    const chunks = [Y.encodeStateAsUpdate(wl.doc)];
    const rows = groupMap(wl.doc, 'when').size;
    // Both relays are idle while they wait, so they are timed side by side.
    const measure = async (k: Kind) => {
      const t = await startServer(k);
      const room = `cal/${await t.calendar('unload')}/full`;
      await upload(t.roomUrl(room), chunks, rows);
      const r = await waitUnloaded(t, room, limitMs);
      await stopServer(t);
      return r;
    };
    const got = await Promise.all(kinds.map(async (k) => [k, await measure(k)] as const));
    for (const [k, r] of got) {
      result[k] = k === 'peer' ? { ...r, note: 'without persistence @y/websocket-server never drops a document (utils.js deletes it from `docs` only when persistence is set)' } : r;
    }
    const t = result.tessera as { unloadedAfterMs: number | null } | undefined;
    if (t) {
      const pass = t.unloadedAfterMs !== null && t.unloadedAfterMs <= BUDGETS.unloadMs;
      (result.tessera as Record<string, unknown>).pass = pass;
      passes.push(pass);
    }
    return result;
  }

  /** Polls whether the relay holds the room's document, from the moment its last client has gone. */
  async function waitUnloaded(t: Target, key: string, limitMs: number) {
    const t0 = performance.now();
    const first = await t.server.rooms(key);
    const base = { room: key, roomsInMemoryAtStart: first.rooms, polledEveryMs: 100, method: 'the relay process answers over IPC whether the room is in memory (Tessera: RoomHost.peek, from the startRelay handle; peer: its `docs` map)' };
    for (let last = first; ; last = await t.server.rooms(key)) {
      const elapsed = round(performance.now() - t0, 0);
      if (last.loaded === false) return { ...base, unloadedAfterMs: elapsed, roomsInMemoryAtEnd: last.rooms };
      if (elapsed > limitMs) return { ...base, unloadedAfterMs: null, stillLoadedAfterMs: elapsed, roomsInMemoryAtEnd: last.rooms };
      await sleep(100);
    }
  }
}

/** The headline figures side by side (the sections below have the detail). */
function summarise_(out: Record<string, unknown>) {
  const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
  const summary: Record<string, unknown> = {};
  const fan = get(out, 'fanout.bySubscribers') as Record<string, unknown> | undefined;
  if (fan) {
    for (const [n, e] of Object.entries(fan)) {
      summary[`fanout${n}`] = {
        tessera: get(e, 'tessera.latencyMs') ? { p50: get(e, 'tessera.latencyMs.p50'), p99: get(e, 'tessera.latencyMs.p99'), medianOfRunP99: get(e, 'tessera.medianOfRunP99Ms'), cpuMsPerEdit: get(e, 'tessera.serverCpuMsPerEdit') } : null,
        peer: { p50: get(e, 'peer.latencyMs.p50'), p99: get(e, 'peer.latencyMs.p99'), medianOfRunP99: get(e, 'peer.medianOfRunP99Ms'), cpuMsPerEdit: get(e, 'peer.serverCpuMsPerEdit') },
        ratioP99: get(e, 'ratioP99VsPeer') ?? null,
        ratioMedianOfRunP99: get(e, 'ratioMedianOfRunP99VsPeer') ?? null,
        ratioCpu: get(e, 'ratioServerCpuPerEditVsPeer') ?? null,
      };
    }
  }
  if (out.replicate) {
    summary.replicate10k = {
      tesseraWarmMs: get(out, 'replicate.tessera.warm.medianMs') ?? null,
      tesseraColdRoomMs: get(out, 'replicate.tessera.coldRoom.queryableMs') ?? null,
      tesseraColdProcessMs: get(out, 'replicate.tessera.coldProcess.queryableMs') ?? null,
      ywebsocketServerWarmMs: get(out, 'replicate.ywebsocketServer.warm.medianMs') ?? null,
      radicaleReportColdMs: get(out, 'replicate.radicale.cold.ms') ?? null,
      radicaleReportColdNoCacheMs: get(out, 'replicate.radicale.coldNoCache.ms') ?? null,
      radicaleReportWarmMs: get(out, 'replicate.radicale.warm.medianMs') ?? null,
      radicale: get(out, 'replicate.radicale.skipped') ?? get(out, 'replicate.radicale.error') ?? 'measured',
    };
  }
  if (out.idleConnection) {
    summary.idleConnectionBytes = {
      tessera: get(out, 'idleConnection.tessera.perConnectionBytes') ? { heapPlusExternal: get(out, 'idleConnection.tessera.perConnectionBytes.heapUsedPlusExternal'), rss: get(out, 'idleConnection.tessera.perConnectionBytes.rss') } : null,
      peer: { heapPlusExternal: get(out, 'idleConnection.peer.perConnectionBytes.heapUsedPlusExternal'), rss: get(out, 'idleConnection.peer.perConnectionBytes.rss') },
    };
  }
  if (out.roomUnload) {
    summary.roomUnloadMs = { tessera: get(out, 'roomUnload.tessera.unloadedAfterMs') ?? null, peer: get(out, 'roomUnload.peer.unloadedAfterMs') ?? 'never' };
  }
  return summary;
}

/**
 * Private events as a `full` document holds them: their `what` replaced by the
 * busy stub (DESIGN.md, Documents). The details stay only in deleted (GC'd) items.
 */
function stubPrivateEvents(doc: Y.Doc): number {
  const what = groupMap(doc, 'what');
  let n = 0;
  doc.transact(() => {
    for (const [key, raw] of what.entries()) {
      const parsed = parseGroup('what', raw);
      if (parsed?.private && !isPrivateStub(parsed)) {
        writeEvent(doc, key, { what: privateStub(parsed) });
        n++;
      }
    }
  });
  return n;
}

function checkReport(body: string, uids: number, rows: number) {
  const responses = (body.match(/<(?:[A-Za-z]+:)?response>/g) ?? []).length;
  const vevents = (body.match(/BEGIN:VEVENT/g) ?? []).length;
  return { responses, expectedResources: uids, vevents, expectedEvents: rows, complete: responses === uids && vevents === rows };
}

/** What the peer would still have to do to have queryable rows: parse every VEVENT with ical.js. */
function parseReport(body: string) {
  const t0 = performance.now();
  const blobs = calendarDataOf(body);
  let events = 0;
  for (const b of blobs) {
    const comp = new ICAL.Component(ICAL.parse(b));
    for (const v of comp.getAllSubcomponents('vevent')) {
      const e = new ICAL.Event(v);
      if (e.uid && e.startDate) events++;
    }
  }
  return { ms: round(performance.now() - t0, 0), events, note: 'not counted in the REPORT figure: ical.js parse of the returned calendar-data into uid/start/summary' };
}

function mb(m: NodeJS.MemoryUsage) {
  return { heapUsed: round(m.heapUsed / 1e6, 1), heapTotal: round(m.heapTotal / 1e6, 1), external: round(m.external / 1e6, 1), rss: round(m.rss / 1e6, 1) };
}

/** CPU time (user + system) a process has used, from /proc; null elsewhere. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 (1-based) of /proc/<pid>/stat, in clock ticks (100 Hz on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function peerInfo(ctx: RelayBenchContext) {
  try {
    const pkg = JSON.parse(readFileSync(join(ctx.root, 'node_modules/@y/websocket-server/package.json'), 'utf8')) as { version: string };
    const ws = JSON.parse(readFileSync(join(ctx.root, 'node_modules/@y/websocket-server/node_modules/ws/package.json'), 'utf8')) as { version: string };
    return { name: '@y/websocket-server', version: pkg.version, ws: ws.version, start: "in its own process: setupWSConnection from '@y/websocket-server/utils' on a node:http server with the ws it depends on, as its server.js does" };
  } catch {
    return { name: '@y/websocket-server' };
  }
}

