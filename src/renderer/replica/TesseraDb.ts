import { Dexie, type Table } from 'dexie';
import type { OccurrenceRow } from './CalendarStore';

/** One persisted Yjs update (or a compacted state) of one document. */
export interface UpdateRow {
  seq?: number;
  docName: string;
  update: Uint8Array;
  /** FNV-1a of `update`, so a damaged row is detected before Yjs sees it. */
  sum: number;
}

/** A derived index row; `rowId` is `<uid>|<recurrence-id or empty>`. */
export interface IndexRow extends OccurrenceRow {
  rowId: string;
  /** Floating and all-day rows are indexed as if in UTC and placed in the display zone at query time. */
  floating: boolean;
}

/**
 * All index rows of one calendar that touch one UTC day (day -1 holds events
 * longer than LONG_EVENT_DAYS, which every query reads). IndexedDB costs per
 * record, not per byte: measured in Chromium, one record per row wrote at
 * ~160 us a row, 20x slower than a record per day, and a week read 13x slower.
 */
export interface DayBucket {
  calendarId: string;
  day: number;
  rows: IndexRow[];
}

/** Per-calendar state of the derived index. */
export interface IndexMetaRow {
  calendarId: string;
  version: number;
  /** Disjoint, sorted [from, to) ranges in which series occurrences are materialised. */
  ranges: [number, number][];
}

/** A row that could not be read, kept so nothing is thrown away silently. */
export interface QuarantineRow {
  id?: number;
  table: string;
  reason: string;
  at: number;
  row: unknown;
}

export class TesseraDb extends Dexie {
  updates!: Table<UpdateRow, number>;
  days!: Table<DayBucket, [string, number]>;
  indexMeta!: Table<IndexMetaRow, string>;
  quarantine!: Table<QuarantineRow, number>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      updates: '++seq, docName',
      occurrences: '[calendarId+rowId], [calendarId+startMs], [calendarId+uid]',
      indexMeta: 'calendarId',
      quarantine: '++id',
    });
    // v2: rows grouped into one record per calendar and day.
    this.version(2).stores({
      occurrences: null,
      days: '[calendarId+day]',
    });
  }
}

/**
 * FNV-1a over 32-bit words (bytes for the tail): a stored calendar can be tens of
 * megabytes, and word steps make this 4x cheaper than a byte loop on every load.
 */
export function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  const aligned = bytes.byteOffset % 4 === 0;
  const words = aligned ? Math.floor(bytes.length / 4) : 0;
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) {
      h ^= view[i]!;
      h = Math.imul(h, 0x01000193);
    }
  }
  for (let i = words * 4; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
