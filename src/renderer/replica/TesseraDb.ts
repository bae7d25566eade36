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

/** Per-calendar state of the derived index. */
export interface IndexMetaRow {
  calendarId: string;
  version: number;
  /** Series occurrences are materialised for [windowFromMs, windowToMs). */
  windowFromMs: number;
  windowToMs: number;
  /** Longest row seen, so a range query can start early enough to catch long events. */
  maxDurationMs: number;
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
  occurrences!: Table<IndexRow, [string, string]>;
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
  }
}

export function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
