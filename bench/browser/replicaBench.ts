import * as Y from 'yjs';
import { Dexie, type Table } from 'dexie';
import { DateTime } from 'luxon';
import type { CalendarEvent } from '../../src/shared/model/CalendarEvent';
import { readEvent } from '../../src/shared/model/eventDocument';
import { buildRows, type IndexWindow } from '../../src/renderer/replica/buildRows';
import { CalendarReplica } from '../../src/renderer/replica/CalendarReplica';
import type { CalendarStore, OccurrenceRow } from '../../src/renderer/replica/CalendarStore';
import { loadDoc } from '../../src/renderer/replica/loadDoc';
import { openCalendarStore } from '../../src/renderer/replica/openCalendarStore';
import { checksum, TesseraDb, type IndexRow, type UpdateRow } from '../../src/renderer/replica/TesseraDb';
import { localToEpoch } from '../../src/shared/time/localToEpoch';
import { generateCalendar, type WorkloadStats } from './generateCalendar';

/**
 * The replica benchmark's page. scripts/bench.mjs drives it phase by phase
 * (so it can collect garbage and read the heap between phases over CDP) and
 * prints the JSON. Everything here runs against Chromium's real IndexedDB.
 */

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Same padding the store uses around a query (floating rows, display zone offsets). */
const ZONE_PAD = 15 * 3_600_000;
const DISPLAY_ZONE = 'Europe/Berlin';
const CAL_ID = '5b7c9a52-3f41-4e0c-9d1a-benchcal0001';
const CAL_DOC = `cal/${CAL_ID}/full`;
const OVERLAY_DOC = 'user/local';
const DB_COMPACT = 'bench-compact';
const DB_NAIVE_LOG = 'bench-naive-log';
const DB_SCRATCH = 'bench-scratch';
const DB_NAIVE_INDEX = 'bench-naive-index';
/** Object stores of the engine's database that hold documents, not the derived index. */
const DOCUMENT_STORES = new Set(['updates', 'quarantine']);

export interface PrepareOptions {
  seed: number;
  events: number;
  recurringShare: number;
  editsPerEvent: number;
  clients: number;
  nowMs: number;
}

interface State {
  opts: PrepareOptions;
  stats: WorkloadStats;
}

let state: State | null = null;
let held: unknown = null;

const log = (msg: string) => console.log(`[bench] ${msg}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const tick = () => new Promise((r) => setTimeout(r, 0));

function need(): State {
  if (!state) throw new Error('prepare() first');
  return state;
}

async function openDb(name: string): Promise<TesseraDb> {
  const db = new TesseraDb(name);
  await db.open();
  return db;
}

async function deleteDb(name: string): Promise<void> {
  await Dexie.delete(name);
}

function overlayUpdate(): Uint8Array {
  const overlay = new Y.Doc();
  overlay.transact(() => {
    overlay.getMap<string>('calendars').set(CAL_ID, JSON.stringify({ color: '#1a73e8', hidden: false, order: 0 }));
    overlay.getMap<string>('settings').set('displayZone', JSON.stringify(DISPLAY_ZONE));
  });
  const update = Y.encodeStateAsUpdate(overlay);
  overlay.destroy();
  return update;
}

/** Generates the calendar and stores it twice: compacted (as the engine keeps it) and as a raw update log. */
async function prepare(opts: PrepareOptions) {
  for (const name of [DB_COMPACT, DB_NAIVE_LOG, DB_SCRATCH, DB_NAIVE_INDEX]) await deleteDb(name);
  let t = performance.now();
  log(`generating ${opts.events} events with ${opts.editsPerEvent} edits each (seed ${opts.seed})`);
  const { doc, updates, stats } = generateCalendar({ ...opts, calendarName: 'Bench team calendar' });
  const generateMs = performance.now() - t;
  log(`generated: ${stats.transactions} transactions in ${Math.round(generateMs)} ms`);

  t = performance.now();
  const compactState = Y.encodeStateAsUpdate(doc);
  const encodeMs = performance.now() - t;
  const overlay = overlayUpdate();
  const docShape = describeDoc(doc);
  doc.destroy();

  t = performance.now();
  const compact = await openDb(DB_COMPACT);
  await compact.transaction('rw', compact.updates, async () => {
    await compact.updates.add({ docName: OVERLAY_DOC, update: overlay, sum: checksum(overlay) });
    await compact.updates.add({ docName: CAL_DOC, update: compactState, sum: checksum(compactState) });
  });
  compact.close();
  const writeCompactMs = performance.now() - t;

  t = performance.now();
  let naiveBytes = 0;
  const naive = await openDb(DB_NAIVE_LOG);
  await naive.transaction('rw', naive.updates, async () => {
    await naive.updates.add({ docName: OVERLAY_DOC, update: overlay, sum: checksum(overlay) });
    const CHUNK = 20_000;
    for (let i = 0; i < updates.length; i += CHUNK) {
      const rows: UpdateRow[] = updates.slice(i, i + CHUNK).map((update) => {
        naiveBytes += update.byteLength;
        return { docName: CAL_DOC, update, sum: checksum(update) };
      });
      await naive.updates.bulkAdd(rows);
    }
  });
  naive.close();
  const writeNaiveMs = performance.now() - t;
  log(`stored: compact ${(compactState.byteLength / 1e6).toFixed(1)} MB in 1 row, naive log ${(naiveBytes / 1e6).toFixed(1)} MB in ${updates.length} rows (${Math.round(writeNaiveMs)} ms)`);
  const naiveRows = updates.length;
  updates.length = 0;

  state = { opts, stats };
  return {
    stats,
    doc: docShape,
    compactBytes: compactState.byteLength,
    naiveRows,
    naiveBytes,
    timingsMs: { generate: Math.round(generateMs), encodeState: Math.round(encodeMs), writeCompact: Math.round(writeCompactMs), writeNaiveLog: Math.round(writeNaiveMs) },
  };
}

/** Entries, live JSON bytes per group, and Yjs structs (live and deleted) of a calendar document. */
function describeDoc(doc: Y.Doc) {
  const groups: Record<string, { entries: number; jsonBytes: number; avgBytes: number }> = {};
  for (const g of ['when', 'what', 'who', 'rem']) {
    let bytes = 0;
    const map = doc.getMap<string>(g);
    for (const v of map.values()) bytes += v.length;
    groups[g] = { entries: map.size, jsonBytes: bytes, avgBytes: Math.round(bytes / Math.max(1, map.size)) };
  }
  let structs = 0;
  let deleted = 0;
  for (const list of doc.store.clients.values()) {
    for (const st of list) {
      structs++;
      if (st.deleted) deleted++;
    }
  }
  return { groups, structs, deletedStructs: deleted, clients: doc.store.clients.size };
}

/** Takes over a workload stored by an earlier run, after checking it is still there. */
async function adopt(opts: PrepareOptions, prepared: { stats: WorkloadStats; naiveRows: number }) {
  const compact = await openDb(DB_COMPACT);
  const a = await compact.updates.where('docName').equals(CAL_DOC).count();
  compact.close();
  const naive = await openDb(DB_NAIVE_LOG);
  const b = await naive.updates.where('docName').equals(CAL_DOC).count();
  naive.close();
  if (a !== 1 || b !== prepared.naiveRows) return false;
  state = { opts, stats: prepared.stats };
  return true;
}

// ---- load ------------------------------------------------------------------

async function loadOnce() {
  const db = await openDb(DB_COMPACT);
  const doc = new Y.Doc();
  const t = performance.now();
  const res = await loadDoc(db, CAL_DOC, doc);
  const ms = performance.now() - t;
  const events = doc.getMap('when').size;
  doc.destroy();
  db.close();
  return { ms: r1(ms), rows: res.rows, events, problems: res.problems };
}

/** The same steps as loadDoc, timed one by one (the compacted store has one row, so no merge). */
async function loadBreakdown() {
  const db = await openDb(DB_COMPACT);
  const doc = new Y.Doc();
  let t = performance.now();
  const rows = await db.updates.where('docName').equals(CAL_DOC).toArray();
  const readMs = performance.now() - t;
  t = performance.now();
  let ok = 0;
  for (const r of rows) if (checksum(r.update) === r.sum) ok++;
  const checksumMs = performance.now() - t;
  t = performance.now();
  Y.applyUpdate(doc, rows[0]!.update);
  const applyMs = performance.now() - t;
  doc.destroy();
  // Decoding alone (structs and their content, no integration into a document).
  t = performance.now();
  Y.decodeUpdate(rows[0]!.update);
  const decodeOnlyMs = performance.now() - t;
  // What the store does: loadDoc into a CalendarReplica, then attach() (its
  // change tracking). A document with an 'update' listener during the load
  // makes Yjs re-encode the whole loaded state: timed apart below.
  const replica = new CalendarReplica(CAL_ID, () => {});
  t = performance.now();
  await loadDoc(db, CAL_DOC, replica.doc);
  replica.attach();
  const replicaMs = performance.now() - t;
  replica.destroy();
  const plain = new Y.Doc();
  t = performance.now();
  await loadDoc(db, CAL_DOC, plain);
  const plainMs = performance.now() - t;
  const listened = new Y.Doc();
  listened.on('update', () => {});
  t = performance.now();
  await loadDoc(db, CAL_DOC, listened);
  const listenedMs = performance.now() - t;
  plain.destroy();
  listened.destroy();
  db.close();
  return {
    idbReadMs: r1(readMs),
    checksumMs: r1(checksumMs),
    applyMs: r1(applyMs),
    decodeOnlyMs: r1(decodeOnlyMs),
    rows: rows.length,
    bytes: rows[0]!.update.byteLength,
    okRows: ok,
    loadDocPlainMs: r1(plainMs),
    loadDocWithUpdateListenerMs: r1(listenedMs),
    loadDocIntoCalendarReplicaMs: r1(replicaMs),
  };
}

/**
 * What the load would cost if compaction could also drop history. Yjs keeps a
 * tombstone for every overwritten map value, and this workload has more
 * tombstones than live entries, so two floors are timed on the live content of
 * the stored document, read the same way:
 * - `noHistory`: every live entry rewritten by one client in one transaction
 *   (what a relay-side "rebase" of the document into a new epoch would store);
 * - `oneEntryPerEvent`: the four groups of an event as one map entry, the
 *   fewest Yjs items that can hold this content (it would lose the
 *   per-group merge, so it is a floor, not a candidate).
 * Each is applied 3 times into a fresh Y.Doc; medians.
 */
async function loadFloor() {
  const db = await openDb(DB_COMPACT);
  const rows = await db.updates.where('docName').equals(CAL_DOC).toArray();
  db.close();
  const source = new Y.Doc();
  Y.applyUpdate(source, rows[0]!.update);
  const groups = ['when', 'what', 'who', 'rem'] as const;
  const live = new Y.Doc();
  live.transact(() => {
    for (const g of groups) {
      const to = live.getMap<string>(g);
      source.getMap<string>(g).forEach((v, k) => to.set(k, v));
    }
  });
  const single = new Y.Doc();
  single.transact(() => {
    const to = single.getMap<string>('events');
    const maps = groups.map((g) => source.getMap<string>(g));
    maps[0]!.forEach((_, k) => to.set(k, JSON.stringify(maps.map((m) => m.get(k) ?? null))));
  });
  source.destroy();
  const time = (state: Uint8Array) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const doc = new Y.Doc();
      const t = performance.now();
      Y.applyUpdate(doc, state);
      runs.push(performance.now() - t);
      doc.destroy();
    }
    runs.sort((a, b) => a - b);
    return { applyMs: r1(runs[1]!), bytes: state.byteLength };
  };
  const liveState = Y.encodeStateAsUpdate(live);
  const singleState = Y.encodeStateAsUpdate(single);
  const structs = (d: Y.Doc) => [...d.store.clients.values()].reduce((n, l) => n + l.length, 0);
  const out = {
    noHistory: { ...time(liveState), structs: structs(live) },
    oneEntryPerEvent: { ...time(singleState), structs: structs(single) },
  };
  live.destroy();
  single.destroy();
  return out;
}

/**
 * Baseline load: the uncompacted log read with the same query and applied the
 * way y-indexeddb loads one (every row applied inside one Yjs transaction).
 * loadDoc itself merges all rows with Y.mergeUpdates first, which is
 * superlinear in the number of rows (see mergeScaling), so it is only probed.
 */
async function loadNaive() {
  const db = await openDb(DB_NAIVE_LOG);
  const doc = new Y.Doc();
  const t0 = performance.now();
  const rows = await db.updates.where('docName').equals(CAL_DOC).toArray();
  const t1 = performance.now();
  let ok = 0;
  for (const r of rows) if (checksum(r.update) === r.sum) ok++;
  const t2 = performance.now();
  doc.transact(() => {
    for (const r of rows) Y.applyUpdate(doc, r.update);
  });
  const t3 = performance.now();
  const events = doc.getMap('when').size;
  doc.destroy();
  db.close();
  return { ms: r1(t3 - t0), idbReadMs: r1(t1 - t0), checksumMs: r1(t2 - t1), applyMs: r1(t3 - t2), rows: rows.length, okRows: ok, events };
}

/** Time of Y.mergeUpdates (what loadDoc does with several rows) over the first n rows of the log. */
async function mergeScaling(sizes: number[]) {
  const db = await openDb(DB_NAIVE_LOG);
  const max = Math.max(...sizes);
  const rows = await db.updates.where('docName').equals(CAL_DOC).limit(max).toArray();
  db.close();
  const out: { rows: number; ms: number }[] = [];
  for (const n of sizes) {
    const updates = rows.slice(0, n).map((r) => r.update);
    const t = performance.now();
    Y.mergeUpdates(updates);
    out.push({ rows: n, ms: r1(performance.now() - t) });
  }
  return out;
}

/** Loads a document and keeps it alive so the driver can read the heap it holds. */
async function hold(kind: 'compact' | 'naive' | 'replica' | 'store') {
  if (kind === 'store') {
    const s = need();
    held = await openCalendarStore({ dbName: DB_COMPACT, now: () => s.opts.nowMs });
    return { events: null };
  }
  if (kind === 'naive') {
    // The baseline's document, loaded its own way (see loadNaive).
    const db = await openDb(DB_NAIVE_LOG);
    const rows = await db.updates.where('docName').equals(CAL_DOC).toArray();
    db.close();
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const r of rows) Y.applyUpdate(doc, r.update);
    });
    held = doc;
    return { events: doc.getMap('when').size };
  }
  const db = await openDb(DB_COMPACT);
  if (kind === 'replica') {
    const replica = new CalendarReplica(CAL_ID, () => {});
    await loadDoc(db, CAL_DOC, replica.doc);
    replica.attach();
    held = replica;
    db.close();
    return { events: replica.doc.getMap('when').size };
  }
  const doc = new Y.Doc();
  await loadDoc(db, CAL_DOC, doc);
  db.close();
  held = doc;
  return { events: doc.getMap('when').size };
}

function release() {
  if (held instanceof Y.Doc) held.destroy();
  else if (held instanceof CalendarReplica) held.destroy();
  else if (held) (held as CalendarStore).close();
  held = null;
}

// ---- the derived index -------------------------------------------------------

// ---- looking into the engine's database without its schema -------------------

function rawOpen(name: string): Promise<IDBDatabase> {
  return new Promise((ok, ko) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
}

function rawRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((ok, ko) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => ko(req.error);
  });
}

/** Removes the derived index (every store but the documents), whatever its layout. */
async function clearIndex(name: string) {
  const db = await rawOpen(name);
  const stores = [...db.objectStoreNames].filter((n) => !DOCUMENT_STORES.has(n));
  if (stores.length > 0) {
    const tx = db.transaction(stores, 'readwrite');
    for (const n of stores) tx.objectStore(n).clear();
    await new Promise<void>((ok, ko) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => ko(tx.error);
    });
  }
  db.close();
}

type Ranges = [number, number][];

/** Ranges in which series occurrences are materialised, from the index meta of either layout. */
function rangesOf(meta: unknown): Ranges {
  const m = meta as { ranges?: Ranges; windowFromMs?: number; windowToMs?: number } | undefined;
  if (Array.isArray(m?.ranges)) return m.ranges;
  if (typeof m?.windowFromMs === 'number' && typeof m.windowToMs === 'number') return [[m.windowFromMs, m.windowToMs]];
  return [];
}

/** Records and row entries of the derived index, and the ranges it covers. */
async function indexInfo(name: string) {
  const db = await rawOpen(name);
  const stores = [...db.objectStoreNames].filter((n) => !DOCUMENT_STORES.has(n) && n !== 'indexMeta');
  const perStore: Record<string, { records: number; rowEntries: number }> = {};
  let meta: unknown;
  if (db.objectStoreNames.contains('indexMeta')) meta = await rawRequest(db.transaction('indexMeta').objectStore('indexMeta').get(CAL_ID));
  for (const n of stores) {
    const os = db.transaction(n).objectStore(n);
    const records = await rawRequest(os.count());
    let rowEntries = records;
    // Grouped layouts (a record holding `rows`) are few records: count their rows.
    if (records > 0 && records <= 20_000) {
      const all = (await rawRequest(db.transaction(n).objectStore(n).getAll())) as { rows?: unknown[] }[];
      rowEntries = all.reduce((sum, r) => sum + (Array.isArray(r.rows) ? r.rows.length : 1), 0);
    }
    perStore[n] = { records, rowEntries };
  }
  db.close();
  const ranges = rangesOf(meta);
  return {
    stores: perStore,
    records: Object.values(perStore).reduce((s, x) => s + x.records, 0),
    rowEntries: Object.values(perStore).reduce((s, x) => s + x.rowEntries, 0),
    ranges,
    rangesIso: ranges.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]),
  };
}

/**
 * The engine's own rebuild, measured from outside: opening the store on a DB
 * whose index is empty (openCalendarStore rebuilds it) minus opening it with
 * the index present.
 */
async function indexBuild(coldRuns: number, warmRuns: number) {
  const s = need();
  const cold: number[] = [];
  const warm: number[] = [];
  const toQueryable: number[] = [];
  const toFirstWeek: number[] = [];
  let info: Awaited<ReturnType<typeof indexInfo>> | null = null;
  for (let i = 0; i < Math.max(coldRuns, warmRuns); i++) {
    if (i < coldRuns) {
      await clearIndex(DB_COMPACT);
      await tick();
      const t = performance.now();
      const store = await openCalendarStore({ dbName: DB_COMPACT, now: () => s.opts.nowMs });
      cold.push(performance.now() - t);
      store.close();
      info = await indexInfo(DB_COMPACT);
      log(`open without index (rebuilds it): ${Math.round(cold[i]!)} ms, ${info.records} records, ${info.rowEntries} row entries`);
    }
    if (i < warmRuns) {
      await tick();
      const t = performance.now();
      const store = await openCalendarStore({ dbName: DB_COMPACT, now: () => s.opts.nowMs });
      // The store resolves once views can be served from the on-disk index; the
      // documents keep loading behind it. Time both, and a first week on screen.
      const opened = performance.now() - t;
      const calId = store.calendars()[0]!.id;
      const weekStart = s.opts.nowMs - 3 * DAY;
      await store.queryRange(weekStart, weekStart + 7 * DAY, [calId]);
      const firstWeek = performance.now() - t;
      await store.loaded();
      warm.push(performance.now() - t);
      toQueryable.push(opened);
      toFirstWeek.push(firstWeek);
      store.close();
      log(`open with index: queryable ${Math.round(opened)} ms, first week ${Math.round(firstWeek)} ms, documents loaded ${Math.round(warm[i]!)} ms`);
    }
  }
  return { openColdMs: cold.map(r1), openWarmMs: warm.map(r1), openToQueryableMs: toQueryable.map(r1), openToFirstWeekMs: toFirstWeek.map(r1), buildMs: r1(median(cold) - median(warm)), info };
}

interface DecodedDoc {
  masters: Map<string, CalendarEvent>;
  overrides: Map<string, Map<string, CalendarEvent>>;
}

function decodeAll(doc: Y.Doc): DecodedDoc {
  const masters = new Map<string, CalendarEvent>();
  const overrides = new Map<string, Map<string, CalendarEvent>>();
  for (const key of doc.getMap<string>('when').keys()) {
    const ev = readEvent(doc, key);
    if (!ev) continue;
    if (ev.recurrenceId === null) masters.set(ev.uid, ev);
    else {
      let m = overrides.get(ev.uid);
      if (!m) overrides.set(ev.uid, (m = new Map()));
      m.set(ev.recurrenceId, ev);
    }
  }
  return { masters, overrides };
}

const NO_OVERRIDES: ReadonlyMap<string, CalendarEvent> = new Map();

/** Evenly spread sample of n rows. */
function sample<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]!);
}

function openProbeDb(name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((ok, ko) => {
    const r = indexedDB.open(name, 1);
    r.onupgradeneeded = () => {
      const d = r.result;
      // The engine's layout (TesseraDb.occurrences), and two alternatives.
      const full = d.createObjectStore('rows', { keyPath: ['calendarId', 'rowId'] });
      full.createIndex('start', ['calendarId', 'startMs']);
      full.createIndex('uid', ['calendarId', 'uid']);
      const two = d.createObjectStore('rowsNoUidIndex', { keyPath: ['calendarId', 'rowId'] });
      two.createIndex('start', ['calendarId', 'startMs']);
      d.createObjectStore('days', { keyPath: ['calendarId', 'day'] });
    };
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
}

function probeWrite(db: IDBDatabase, store: string, items: unknown[]): Promise<number> {
  return new Promise<number>((ok, ko) => {
    const t = performance.now();
    const tx = db.transaction(store, 'readwrite');
    const os = tx.objectStore(store);
    for (const it of items) os.put(it);
    tx.oncomplete = () => ok(performance.now() - t);
    tx.onerror = () => ko(tx.error);
  });
}

function probeRead(db: IDBDatabase, store: string, index: string | null, range: IDBKeyRange): Promise<{ ms: number; records: number }> {
  return new Promise((ok, ko) => {
    const t = performance.now();
    const tx = db.transaction(store, 'readonly');
    const os = tx.objectStore(store);
    const req = (index ? os.index(index) : os).getAll(range);
    req.onsuccess = () => ok({ ms: performance.now() - t, records: req.result.length });
    req.onerror = () => ko(req.error);
  });
}

function byDay(rows: readonly IndexRow[]) {
  const days = new Map<number, IndexRow[]>();
  for (const r of rows) {
    const day = Math.floor(r.startMs / DAY);
    let list = days.get(day);
    if (!list) days.set(day, (list = []));
    list.push(r);
  }
  return [...days].map(([day, list]) => ({ calendarId: CAL_ID, day, rows: list }));
}

/**
 * Other layouts for the same index rows, with raw IndexedDB so only the layout
 * differs: (1) writing a sample of rows as the engine lays them out, without
 * the [calendarId+uid] index, and grouped into one record per day; (2) reading
 * one week (from the same early start the store uses) out of six weeks of rows
 * in the engine's layout and in day records.
 */
async function layoutProbe(sampleRows: IndexRow[], weekRows: IndexRow[], weekFromMs: number) {
  // One record per row needs a start index and a look-back as long as the longest row.
  const maxDurationMs = weekRows.reduce((m, r) => Math.max(m, r.endMs - r.startMs), DAY);
  const name = 'bench-probe';
  await deleteDb(name);
  let db = await openProbeDb(name);
  const sampleDays = byDay(sampleRows);
  const rawMs = await probeWrite(db, 'rows', sampleRows);
  const noUidMs = await probeWrite(db, 'rowsNoUidIndex', sampleRows);
  const daysMs = await probeWrite(db, 'days', sampleDays);
  db.close();
  await deleteDb(name);

  db = await openProbeDb(name);
  const weekDays = byDay(weekRows);
  const weekRowsWriteMs = await probeWrite(db, 'rows', weekRows);
  const weekDaysWriteMs = await probeWrite(db, 'days', weekDays);
  const lo = weekFromMs - maxDurationMs - ZONE_PAD;
  const hi = weekFromMs + WEEK + ZONE_PAD;
  const rowRange = IDBKeyRange.bound([CAL_ID, lo], [CAL_ID, hi], false, true);
  const dayRange = IDBKeyRange.bound([CAL_ID, Math.floor(lo / DAY)], [CAL_ID, Math.floor(hi / DAY)]);
  const rowReads: number[] = [];
  const dayReads: number[] = [];
  let rowRecords = 0;
  let dayRecords = 0;
  let dayRowsInside = 0;
  for (let i = 0; i < 7; i++) {
    const a = await probeRead(db, 'rows', 'start', rowRange);
    rowReads.push(a.ms);
    rowRecords = a.records;
    const b = await probeRead(db, 'days', null, dayRange);
    dayReads.push(b.ms);
    dayRecords = b.records;
  }
  for (const d of weekDays) if (d.day >= Math.floor(lo / DAY) && d.day <= Math.floor(hi / DAY)) dayRowsInside += d.rows.length;
  db.close();
  await deleteDb(name);
  return {
    write: {
      rows: sampleRows.length,
      engineLayoutMs: r1(rawMs),
      usPerRow: r1((1000 * rawMs) / sampleRows.length),
      withoutUidIndexMs: r1(noUidMs),
      dayRecords: { records: sampleDays.length, ms: r1(daysMs) },
    },
    readOneWeek: {
      storedRows: weekRows.length,
      lookBackMs: maxDurationMs,
      writeMs: { engineLayout: r1(weekRowsWriteMs), dayRecords: r1(weekDaysWriteMs) },
      engineLayout: { records: rowRecords, medianMs: r2(median(rowReads)) },
      dayRecords: { records: dayRecords, rowsInside: dayRowsInside, medianMs: r2(median(dayReads)) },
    },
  };
}

/**
 * The steps of the engine's rebuild, outside the engine (ReplicaStore.rebuildIndex
 * is private): decoding every event, then expanding rows with buildRows over the
 * ranges the engine materialised. The engine's write is what remains of the
 * measured build; layoutProbe times writes and reads of these rows per layout.
 */
async function rebuildBreakdown(sampleRows: number) {
  const ranges = (await indexInfo(DB_COMPACT)).ranges;
  if (ranges.length === 0) throw new Error('no index ranges: run indexBuild first');
  const src = await openDb(DB_COMPACT);
  const doc = new Y.Doc();
  await loadDoc(src, CAL_DOC, doc);
  src.close();

  const t = performance.now();
  const decoded = decodeAll(doc);
  const decodeMs = performance.now() - t;
  doc.destroy();

  let singleRows = 0;
  let seriesRows = 0;
  let singlesMs = 0;
  let seriesMs = 0;
  const rows: IndexRow[] = [];
  for (const [uid, master] of decoded.masters) {
    const isSeries = master.when.rrule !== null || master.when.rdates.length > 0;
    const overrides = decoded.overrides.get(uid) ?? NO_OVERRIDES;
    const t0 = performance.now();
    if (!isSeries) {
      const built = buildRows(CAL_ID, master, overrides, { fromMs: 0, toMs: 0 });
      singlesMs += performance.now() - t0;
      singleRows += built.length;
      for (const r of built) rows.push(r);
      continue;
    }
    for (const [fromMs, toMs] of ranges) {
      const built = buildRows(CAL_ID, master, overrides, { fromMs, toMs });
      seriesRows += built.length;
      for (const r of built) rows.push(r);
    }
    seriesMs += performance.now() - t0;
  }

  const w0 = weekStart(need().opts.nowMs, 0);
  const weekRows = rows.filter((r) => r.startMs >= w0 - 3 * WEEK && r.startMs < w0 + 3 * WEEK);
  const probe = await layoutProbe(sample(rows, sampleRows), weekRows, w0);
  return {
    ranges: ranges.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]),
    masters: decoded.masters.size,
    rows: rows.length,
    singleRows,
    seriesRows,
    decodeMs: r1(decodeMs),
    expandSinglesMs: r1(singlesMs),
    expandSeriesMs: r1(seriesMs),
    layoutProbe: probe,
  };
}

/** The old, naive layout (one record per occurrence), for the baseline only. */
class RowIndexDb extends Dexie {
  occurrences!: Table<IndexRow, [string, string]>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ occurrences: '[calendarId+rowId], [calendarId+startMs], [calendarId+uid]' });
  }
}

/**
 * Baseline: every series expanded from its start to the horizon, no window, and
 * written one record per occurrence. The expansion is measured in full; the
 * write is measured on a sample and scaled to all rows unless fullWrite.
 */
async function naiveIndex(horizonMs: number, sampleRows: number, fullWrite: boolean) {
  const src = await openDb(DB_COMPACT);
  const doc = new Y.Doc();
  await loadDoc(src, CAL_DOC, doc);
  src.close();
  let t = performance.now();
  const decoded = decodeAll(doc);
  const rows: IndexRow[] = [];
  const window: IndexWindow = { fromMs: 0, toMs: horizonMs };
  for (const [uid, master] of decoded.masters) for (const r of buildRows(CAL_ID, master, decoded.overrides.get(uid) ?? NO_OVERRIDES, window)) rows.push(r);
  const expandMs = performance.now() - t;
  doc.destroy();
  log(`naive index: ${rows.length} rows expanded in ${Math.round(expandMs)} ms, writing ${fullWrite ? 'all' : `a sample of ${sampleRows}`}`);
  const part = fullWrite ? rows : sample(rows, sampleRows);
  await deleteDb(DB_NAIVE_INDEX);
  const db = new RowIndexDb(DB_NAIVE_INDEX);
  await db.open();
  t = performance.now();
  await db.transaction('rw', db.occurrences, async () => {
    await db.occurrences.bulkPut(part);
  });
  const writeMs = performance.now() - t;
  db.close();
  await deleteDb(DB_NAIVE_INDEX);
  const allWriteMs = (writeMs / part.length) * rows.length;
  return {
    ms: Math.round(expandMs + allWriteMs),
    expandMs: r1(expandMs),
    idbWriteMs: Math.round(allWriteMs),
    idbWriteEstimated: !fullWrite && part.length < rows.length,
    idbWriteSampleRows: part.length,
    rows: rows.length,
    horizon: new Date(horizonMs).toISOString(),
  };
}

// ---- week queries -------------------------------------------------------------

function weekStart(nowMs: number, weeksFromNow: number): number {
  return DateTime.fromMillis(nowMs, { zone: DISPLAY_ZONE }).startOf('week').plus({ weeks: weeksFromNow }).toMillis();
}

/** Baseline: no index; read every event of the document and expand each series from its start. */
function naiveWeek(doc: Y.Doc, fromMs: number, toMs: number, zone: string): OccurrenceRow[] {
  const { masters, overrides } = decodeAll(doc);
  const out: OccurrenceRow[] = [];
  const window = { fromMs: fromMs - ZONE_PAD - WEEK, toMs: toMs + ZONE_PAD };
  for (const [uid, master] of masters) {
    for (const row of buildRows(CAL_ID, master, overrides.get(uid) ?? NO_OVERRIDES, window)) {
      const placed = row.floating ? { ...row, startMs: localToEpoch(row.start, null, zone), endMs: localToEpoch(row.end, null, zone) } : row;
      const overlaps = placed.startMs < toMs && (placed.endMs > fromMs || (placed.endMs === placed.startMs && placed.startMs >= fromMs));
      if (overlaps) out.push(placed);
    }
  }
  out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  return out;
}

const rowIdentity = (r: OccurrenceRow) => `${(r as IndexRow).rowId ?? `${r.uid}|${r.recurrenceId ?? ''}`}@${r.startMs}`;

interface WeekSet {
  name: string;
  offsets: number[];
}

/** The records queryRange reads for a week, read alone with raw IndexedDB (layout detected). */
async function rawWeekRead(db: IDBDatabase, fromMs: number, toMs: number, lookBackMs: number): Promise<{ ms: number; records: number } | null> {
  const t = performance.now();
  if (db.objectStoreNames.contains('days')) {
    const os = db.transaction('days').objectStore('days');
    const [long, days] = await Promise.all([
      rawRequest(os.get([CAL_ID, -1])),
      rawRequest(os.getAll(IDBKeyRange.bound([CAL_ID, Math.floor((fromMs - ZONE_PAD) / DAY)], [CAL_ID, Math.floor((toMs + ZONE_PAD) / DAY)]))),
    ]);
    return { ms: performance.now() - t, records: days.length + (long ? 1 : 0) };
  }
  if (db.objectStoreNames.contains('occurrences')) {
    const os = db.transaction('occurrences').objectStore('occurrences');
    const rows = await rawRequest(os.index('[calendarId+startMs]').getAll(IDBKeyRange.bound([CAL_ID, fromMs - lookBackMs - ZONE_PAD], [CAL_ID, toMs + ZONE_PAD], false, true)));
    return { ms: performance.now() - t, records: rows.length };
  }
  return null;
}

/**
 * Week queries on the store the index phase left (or a fresh one). Pass 1 visits
 * every week once ("firstVisit": a week outside the materialised ranges makes the
 * engine expand its months first); pass 2 is the timed steady state. Pass 1
 * alternates near and far weeks and pass 2 shuffles them, so drift on a shared
 * machine, and the garbage collector's rhythm, hit both alike.
 */
async function weeks(opts: { weeksPerSet: number; baselineWeeks: number; farWeeksFromNow: number }) {
  const s = need();
  const nowMs = s.opts.nowMs;
  const sets: WeekSet[] = [
    { name: 'near', offsets: Array.from({ length: opts.weeksPerSet }, (_, i) => i - Math.floor(opts.weeksPerSet / 2)) },
    { name: 'far', offsets: Array.from({ length: opts.weeksPerSet }, (_, i) => opts.farWeeksFromNow + i) },
  ];
  const out: Record<string, unknown> = {};
  const identities = new Map<number, string[]>();
  const baselineWeeksOf = (set: WeekSet) => {
    const step = Math.max(1, Math.floor(set.offsets.length / opts.baselineWeeks));
    return set.offsets.filter((_, i) => i % step === 0).slice(0, opts.baselineWeeks);
  };
  const checked = new Set(sets.flatMap((set) => baselineWeeksOf(set).map((w) => weekStart(nowMs, w))));
  const before = await indexInfo(DB_COMPACT);
  if (before.ranges.length === 0) log('no index yet: opening the store builds it (not timed here)');
  const store = await openCalendarStore({ dbName: DB_COMPACT, now: () => nowMs });
  try {
    const calIds = store.calendars().map((c) => c.id);
    // JIT warm-up on weeks outside both sets, inside the initially indexed months.
    for (const w of [-13, -12, -11]) {
      const from = weekStart(nowMs, w);
      await store.queryRange(from, from + WEEK, calIds);
    }
    const first: number[][] = sets.map(() => []);
    for (let k = 0; k < opts.weeksPerSet; k++) {
      for (const [i, set] of sets.entries()) {
        const from = weekStart(nowMs, set.offsets[k]!);
        await tick();
        const t = performance.now();
        await store.queryRange(from, from + WEEK, calIds);
        first[i]!.push(performance.now() - t);
      }
    }
    // The timed pass is the steady state: the documents have loaded behind the
    // first views (getEvent waits for them), so their load does not land in it.
    const docsT = performance.now();
    for (const id of calIds) await store.getEvent(id, '-');
    const docsLoadedMs = performance.now() - docsT;
    // The first pass left garbage a person's session would not have (materialising
    // far months for 40 weeks at once): collected before the timed pass, not in it.
    (globalThis as unknown as { gc?: () => void }).gc?.();
    await tick();
    const lookBackMs = DAY * 5;
    const raw = await rawOpen(DB_COMPACT);
    const times: number[][] = sets.map(() => []);
    const counts: number[][] = sets.map(() => []);
    const reads: number[][] = sets.map(() => []);
    const records: number[][] = sets.map(() => []);
    // Near and far weeks in a seeded shuffle, not in strict turns: each query
    // allocates a few megabytes, so a young-generation collection (15-20 ms here)
    // falls every few queries, and strict alternation made it land on the same set
    // every time, whichever set that happened to be.
    const order = sets.flatMap((_, i) => Array.from({ length: opts.weeksPerSet }, (_, k) => [i, k] as const));
    let seed = 20261116;
    for (let j = order.length - 1; j > 0; j--) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const x = seed % (j + 1);
      [order[j], order[x]] = [order[x]!, order[j]!];
    }
    for (const [i, k] of order) {
      const set = sets[i]!;
      const from = weekStart(nowMs, set.offsets[k]!);
      await tick();
      const t = performance.now();
      const rows = await store.queryRange(from, from + WEEK, calIds);
      times[i]!.push(performance.now() - t);
      counts[i]!.push(rows.length);
      // Kept only for the weeks the baseline checks: 40 weeks of row strings held
      // to the end made the timed queries pay for the scavenges they caused.
      if (checked.has(from)) identities.set(from, rows.map(rowIdentity));
      await tick();
      const r = await rawWeekRead(raw, from, from + WEEK, lookBackMs);
      if (r) {
        reads[i]!.push(r.ms);
        records[i]!.push(r.records);
      }
    }
    raw.close();
    // Reads every index record, so only after the timed pass: before it, its few
    // hundred megabytes of rows were still being collected while weeks were timed.
    const after = await indexInfo(DB_COMPACT);
    for (const [i, set] of sets.entries()) {
      const ts = times[i]!;
      const cs = counts[i]!;
      out[set.name] = {
        weeks: set.offsets.length,
        firstWeek: new Date(weekStart(nowMs, set.offsets[0]!)).toISOString(),
        medianMs: r2(median(ts)),
        p90Ms: r2(pct(ts, 0.9)),
        maxMs: r2(Math.max(...ts)),
        runsMs: ts.map(r2),
        rowsPerWeek: { median: median(cs), min: Math.min(...cs), max: Math.max(...cs) },
        firstVisit: { medianMs: r2(median(first[i]!)), maxMs: r1(Math.max(...first[i]!)), runsMs: first[i]!.map(r1) },
        indexedDbReadAlone: reads[i]!.length ? { medianMs: r2(median(reads[i]!)), records: median(records[i]!) } : null,
      };
      log(`${set.name} weeks: median ${median(ts).toFixed(2)} ms (first visit: median ${median(first[i]!).toFixed(1)} ms, max ${Math.round(Math.max(...first[i]!))} ms), ${median(cs)} rows per week`);
    }
    out.waitedForDocumentsMs = r1(docsLoadedMs);
    out.indexBefore = { records: before.records, ranges: before.rangesIso };
    out.indexAfter = { records: after.records, ranges: after.rangesIso };
  } finally {
    store.close();
  }

  // Baseline, on a subset of the same weeks (each costs a whole-document scan).
  const db = await openDb(DB_COMPACT);
  const doc = new Y.Doc();
  await loadDoc(db, CAL_DOC, doc);
  db.close();
  const baseline: Record<string, unknown> = {};
  const mismatches: string[] = [];
  for (const set of sets) {
    const chosen = baselineWeeksOf(set);
    const times: number[] = [];
    for (const w of chosen) {
      const from = weekStart(nowMs, w);
      await tick();
      const t = performance.now();
      const rows = naiveWeek(doc, from, from + WEEK, DISPLAY_ZONE);
      times.push(performance.now() - t);
      const mine = new Set(rows.map(rowIdentity));
      const theirs = new Set(identities.get(from) ?? []);
      const missing = [...theirs].filter((x) => !mine.has(x));
      const extra = [...mine].filter((x) => !theirs.has(x));
      if (missing.length || extra.length) mismatches.push(`${new Date(from).toISOString().slice(0, 10)}: index has ${theirs.size}, scan has ${mine.size} (only in index: ${missing.slice(0, 3).join(', ')}; only in scan: ${extra.slice(0, 3).join(', ')})`);
    }
    baseline[set.name] = { weeks: chosen.length, medianMs: r1(median(times)), runsMs: times.map(r1) };
    log(`baseline ${set.name} weeks: median ${Math.round(median(times))} ms`);
  }
  doc.destroy();
  return { store: out, baseline, sameRowsAsBaseline: mismatches.length === 0, mismatches: mismatches.slice(0, 5), displayZone: DISPLAY_ZONE };
}

function machine() {
  const nav = navigator as Navigator & { deviceMemory?: number };
  return { hardwareConcurrency: nav.hardwareConcurrency, deviceMemoryGB: nav.deviceMemory ?? null, userAgent: nav.userAgent };
}

const api = { prepare, adopt, loadOnce, loadBreakdown, loadFloor, loadNaive, mergeScaling, hold, release, indexBuild, rebuildBreakdown, naiveIndex, weeks, machine, weekStart: (nowMs: number, w: number) => weekStart(nowMs, w) };
export type ReplicaBenchApi = typeof api;
(window as unknown as { replicaBench: ReplicaBenchApi }).replicaBench = api;
log('page ready');
