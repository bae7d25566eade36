import { Dexie } from 'dexie';
import { importParsedIcs } from '../../../src/renderer/ics/importParsedIcs';
import { parsedIcsSchema } from '../../../src/renderer/ics/icsWorkerMessages';
import { parseIcsInWorker } from '../../../src/renderer/ics/parseIcsInWorker';
import { readIcsText } from '../../../src/renderer/ics/readIcsText';
import { buildRows } from '../../../src/renderer/replica/buildRows';
import { openCalendarStore } from '../../../src/renderer/replica/openCalendarStore';
import { parseIcs } from '../../../src/shared/ics/parseIcs';
import type { CalendarEvent } from '../../../src/shared/model/CalendarEvent';
import { generateIcs } from '../../../tests/fixtures/ics/generateIcs';

/**
 * The end-to-end ICS import benchmark's page (scripts/bench-ics.mjs drives it).
 * It runs what ImportIcsDialog runs, against Chromium's real IndexedDB: the file
 * text to the parsing Web Worker (parseIcsInWorker), the events written with
 * importParsedIcs into a new calendar of a freshly opened store, then the week
 * view's query on the derived index. Generating the text and opening the store
 * are not timed: the app has both before the person drops a file.
 */

export interface ImportRunOptions {
  count: number;
  zones: 'vtimezone' | 'bare';
  seed: number;
  /** Fixed "now" for the store, so the index's materialised months are the same every run. */
  nowMs: number;
  /** Monday 00:00 UTC of the week queried after the import. */
  weekStartMs: number;
  run: number;
  /** Events per importEvents call; the app's IMPORT_BATCH when absent. */
  batch?: number;
}

export interface ImportRun {
  bytes: number;
  events: number;
  skipped: number;
  parseMs: number;
  writeMs: number;
  indexMs: number;
  totalMs: number;
  counts: { created: number; updated: number; unchanged: number };
  weekRows: number;
  /** The week's rows equal buildRows over the parsed events (no store): the index holds what was imported. */
  weekRowsMatch: boolean;
  /** Importing the same events again: every one unchanged, nothing written. */
  reimportMs: number;
  reimportUnchanged: number;
}

const WEEK_MS = 7 * 86_400_000;
const texts = new Map<string, string>();
let dbCounter = 0;

function textFor(o: Pick<ImportRunOptions, 'count' | 'zones' | 'seed'>): string {
  const key = `${o.count}-${o.zones}-${o.seed}`;
  let text = texts.get(key);
  if (text === undefined) {
    texts.clear();
    text = generateIcs({ count: o.count, seed: o.seed, zones: o.zones });
    texts.set(key, text);
  }
  return text;
}

/** Row ids the week view should show, derived straight from the parsed events. */
function expectedWeek(events: readonly CalendarEvent[], fromMs: number, toMs: number): Set<string> {
  const byUid = new Map<string, { master: CalendarEvent | null; overrides: Map<string, CalendarEvent> }>();
  for (const ev of events) {
    let g = byUid.get(ev.uid);
    if (!g) byUid.set(ev.uid, (g = { master: null, overrides: new Map() }));
    if (ev.recurrenceId === null) g.master = ev;
    else g.overrides.set(ev.recurrenceId, ev);
  }
  const out = new Set<string>();
  for (const { master, overrides } of byUid.values()) {
    if (!master) continue;
    for (const row of buildRows('x', master, overrides, { fromMs: fromMs - WEEK_MS, toMs: toMs + WEEK_MS })) {
      if (row.startMs < toMs && (row.endMs > fromMs || (row.endMs === row.startMs && row.startMs >= fromMs))) out.add(row.rowId);
    }
  }
  return out;
}

async function run(o: ImportRunOptions): Promise<ImportRun> {
  const text = textFor(o);
  const dbName = `ics-bench-${Date.now()}-${dbCounter++}`;
  const store = await openCalendarStore({ dbName, now: () => o.nowMs });
  try {
    await store.loaded();
    const t0 = performance.now();
    const parsed = await parseIcsInWorker(text);
    const t1 = performance.now();
    const calendarId = await store.createCalendar(`Generated ${o.count}`, '#1a73e8');
    const counts = await importParsedIcs(store, calendarId, parsed.events, undefined, o.batch);
    const t2 = performance.now();
    const week = await store.queryRange(o.weekStartMs, o.weekStartMs + WEEK_MS, [calendarId]);
    const t3 = performance.now();
    const expected = expectedWeek(parsed.events, o.weekStartMs, o.weekStartMs + WEEK_MS);
    const got = new Set(week.map((r) => `${r.uid}|${r.recurrenceId ?? ''}`));
    const weekRowsMatch = got.size === expected.size && [...got].every((id) => expected.has(id));
    const r0 = performance.now();
    const again = await importParsedIcs(store, calendarId, parsed.events, undefined, o.batch);
    const reimportMs = performance.now() - r0;
    return {
      bytes: text.length,
      events: parsed.events.length,
      skipped: parsed.skipped.length,
      parseMs: t1 - t0,
      writeMs: t2 - t1,
      indexMs: t3 - t2,
      totalMs: t3 - t0,
      counts,
      weekRows: week.length,
      weekRowsMatch,
      reimportMs,
      reimportUnchanged: again.unchanged,
    };
  } finally {
    store.close();
    await Dexie.delete(dbName);
  }
}

/**
 * Where the parse phase goes: a worker's start and round trip on an empty calendar,
 * parseIcs alone on this (warm) thread, and checking the worker's result with zod.
 */
async function parseBreakdown(o: Pick<ImportRunOptions, 'count' | 'zones' | 'seed'>): Promise<{ workerRoundTripEmptyMs: number; parseIcsOnPageMs: number; zodCheckMs: number; structuredCloneMs: number; jsonStringifyMs: number; jsonParseMs: number }> {
  const w0 = performance.now();
  await parseIcsInWorker('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
  const workerRoundTripEmptyMs = performance.now() - w0;
  const text = textFor(o);
  const t0 = performance.now();
  const result = parseIcs(readIcsText(text));
  const t1 = performance.now();
  parsedIcsSchema.parse({ calendarName: result.calendarName, events: result.events, skipped: result.skipped, warnings: result.warnings });
  const t2 = performance.now();
  structuredClone(result);
  const t3 = performance.now();
  const json = JSON.stringify(result);
  const t4 = performance.now();
  JSON.parse(json);
  const t5 = performance.now();
  return { workerRoundTripEmptyMs, parseIcsOnPageMs: t1 - t0, zodCheckMs: t2 - t1, structuredCloneMs: t3 - t2, jsonStringifyMs: t4 - t3, jsonParseMs: t5 - t4 };
}

function machine(): { userAgent: string; hardwareConcurrency: number; timeZone: string } {
  return { userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

declare global {
  interface Window {
    icsImportBench?: { run: typeof run; parseBreakdown: typeof parseBreakdown; machine: typeof machine };
  }
}

window.icsImportBench = { run, parseBreakdown, machine };
