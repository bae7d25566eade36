import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './openDatabase';
import { parseRow, parseRows, snapshotRowSchema, updateRowSchema } from './rowSchemas';

export interface StoredRoom {
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, oldest first. */
  updates: { id: number; data: Uint8Array }[];
  /** Id of the newest row the room's state includes (0 when empty). */
  lastId: number;
}

/**
 * The Yjs history of every room: an append-only update log plus one snapshot per
 * room. A room's state is its snapshot followed by its later updates; compaction
 * replaces both with a new snapshot in one transaction, so a crash at any point
 * leaves either the old or the new form, never a mix.
 */
export class RoomStore {
  // Prepared once: preparing costs more than the insert itself on the write path
  // every accepted update takes.
  private readonly insertUpdate: Statement<[string, Uint8Array]>;

  constructor(private readonly db: SqliteDatabase) {
    this.insertUpdate = db.prepare('INSERT INTO room_updates (room, data) VALUES (?, ?)');
  }

  load(room: string): StoredRoom {
    const snapRow = this.db.prepare('SELECT data, through_id FROM room_snapshots WHERE room = ?').get(room);
    const snap = snapRow === undefined ? null : parseRow(snapshotRowSchema, snapRow, 'room_snapshots');
    const after = snap?.through_id ?? 0;
    const updates = parseRows(updateRowSchema, this.db.prepare('SELECT id, data FROM room_updates WHERE room = ? AND id > ? ORDER BY id').all(room, after), 'room_updates');
    return { snapshot: snap?.data ?? null, updates, lastId: updates.at(-1)?.id ?? after };
  }

  /** Appends one update, committed when this returns; returns its row id. */
  append(room: string, update: Uint8Array): number {
    return Number(this.insertUpdate.run(room, update).lastInsertRowid);
  }

  /** Appends updates of several rooms in one transaction; returns the row ids in order. */
  appendMany(entries: readonly { room: string; update: Uint8Array }[]): number[] {
    if (entries.length === 0) return [];
    return this.db.transaction(() => entries.map((e) => Number(this.insertUpdate.run(e.room, e.update).lastInsertRowid)))();
  }

  /** Replaces a room's snapshot and every update up to `throughId` with `snapshot`. */
  compact(room: string, snapshot: Uint8Array, throughId: number, now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO room_snapshots (room, data, through_id, at) VALUES (?, ?, ?, ?) ON CONFLICT (room) DO UPDATE SET data = excluded.data, through_id = excluded.through_id, at = excluded.at')
        .run(room, snapshot, throughId, now);
      this.db.prepare('DELETE FROM room_updates WHERE room = ? AND id <= ?').run(room, throughId);
    })();
  }

  /** Deletes every stored room whose name starts with `prefix` (e.g. all rooms of a calendar). */
  deletePrefix(prefix: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM room_updates WHERE substr(room, 1, length(?)) = ?').run(prefix, prefix);
      this.db.prepare('DELETE FROM room_snapshots WHERE substr(room, 1, length(?)) = ?').run(prefix, prefix);
    })();
  }

  deleteRoom(room: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM room_updates WHERE room = ?').run(room);
      this.db.prepare('DELETE FROM room_snapshots WHERE room = ?').run(room);
    })();
  }

  /** Update rows stored for a room after its snapshot (for compaction decisions and tests). */
  pendingRows(room: string): number {
    const r = this.db.prepare('SELECT COUNT(*) AS n FROM room_updates WHERE room = ?').get(room) as { n: number };
    return r.n;
  }
}
