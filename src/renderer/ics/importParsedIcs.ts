import type { CalendarEvent } from '../../shared/model/CalendarEvent';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What importing needs of the store (CalendarStore has it). */
export interface IcsImportStore {
  importEvents(calendarId: string, events: CalendarEvent[]): Promise<ImportCounts>;
}

/**
 * Events per importEvents call. Each call is one Yjs transaction and one IndexedDB
 * transaction that rewrites every day bucket of the index its events touch, so
 * small batches rewrite the same buckets again and again: batches of 1,000 made a
 * 50,000-event import take about a minute (bench/README.md, ICS import). One batch
 * up to this size keeps the cost linear; only larger files are split.
 */
export const IMPORT_BATCH = 50_000;

/**
 * Splits events into batches that never separate a series from its changed
 * occurrences: each batch is one transaction, so a failure part-way through
 * never leaves half an event (a master without its overrides) in the calendar.
 */
export function batchByUid(events: readonly CalendarEvent[], size = IMPORT_BATCH): CalendarEvent[][] {
  const byUid = new Map<string, CalendarEvent[]>();
  for (const ev of events) {
    const list = byUid.get(ev.uid);
    if (list) list.push(ev);
    else byUid.set(ev.uid, [ev]);
  }
  const batches: CalendarEvent[][] = [];
  let current: CalendarEvent[] = [];
  for (const group of byUid.values()) {
    if (current.length > 0 && current.length + group.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Writes parsed events into a calendar batch by batch, reporting how many are written so far. */
export async function importParsedIcs(store: IcsImportStore, calendarId: string, events: readonly CalendarEvent[], onProgress: (done: number, total: number) => void = () => undefined, batchSize = IMPORT_BATCH): Promise<ImportCounts> {
  const total = events.length;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  let done = 0;
  onProgress(0, total);
  for (const batch of batchByUid(events, batchSize)) {
    const c = await store.importEvents(calendarId, batch);
    counts.created += c.created;
    counts.updated += c.updated;
    counts.unchanged += c.unchanged;
    done += batch.length;
    onProgress(done, total);
  }
  return counts;
}
