import { Dexie, type Table } from 'dexie';
import type { CalendarEvent } from '../../shared/model/CalendarEvent';
import type { OccurrenceRow } from './CalendarStore';
import type { ReplicaBinding } from './ReplicaBinding';

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

/**
 * A local change not yet confirmed by the relay: written in the same transaction
 * as its update row, deleted when the relay's reply confirms it, so the count of
 * waiting changes survives restarts and crashes.
 */
export interface OutboxRow {
  id?: number;
  docName: string;
  at: number;
}

/** What is known of one document's state on the relay. */
export interface SyncStateRow {
  docName: string;
  /** Encoded state vector the relay is known to hold (at the last confirmation). */
  confirmedSv: Uint8Array | null;
  lastSyncedAt: number | null;
  /** Yjs client ids this device wrote with that may have unconfirmed content. */
  localClients: number[];
}

/** An edit the relay refused, kept until the person copies, exports or discards it. */
export interface UnsavedRow {
  id: string;
  calendarId: string;
  calendarName: string;
  event: CalendarEvent;
  reason: string;
  at: number;
}

/** Small records of the engine (the account's relay and user), keyed by name. */
export interface KeyValueRow {
  key: string;
  value: unknown;
}

export class TesseraDb extends Dexie {
  updates!: Table<UpdateRow, number>;
  days!: Table<DayBucket, [string, number]>;
  indexMeta!: Table<IndexMetaRow, string>;
  quarantine!: Table<QuarantineRow, number>;
  outbox!: Table<OutboxRow, number>;
  syncState!: Table<SyncStateRow, string>;
  bindings!: Table<ReplicaBinding, string>;
  unsaved!: Table<UnsavedRow, string>;
  keyValue!: Table<KeyValueRow, string>;

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
    // v3: syncing with a relay (pending changes, what each calendar syncs, refused edits).
    this.version(3).stores({
      outbox: '++id, docName',
      syncState: 'docName',
      bindings: 'calendarId',
      unsaved: 'id, calendarId',
      keyValue: 'key',
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
