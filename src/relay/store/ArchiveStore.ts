import { z } from 'zod';
import type { SqliteDatabase } from './openDatabase';
import { parseRow } from './rowSchemas';

const archiveRowSchema = z.object({ calendar_id: z.string(), archived_at: z.number().int(), archived_by: z.string() });
export type ArchiveRow = z.infer<typeof archiveRowSchema>;

/** Archived calendars: read-only and hidden while a row exists; the row goes with the calendar (cascade). */
export class ArchiveStore {
  constructor(private readonly db: SqliteDatabase) {}

  archive(calendarId: string, by: string, now: number): void {
    this.db.prepare('INSERT OR REPLACE INTO calendar_archive (calendar_id, archived_at, archived_by) VALUES (?, ?, ?)').run(calendarId, now, by);
  }

  unarchive(calendarId: string): boolean {
    return this.db.prepare('DELETE FROM calendar_archive WHERE calendar_id = ?').run(calendarId).changes > 0;
  }

  get(calendarId: string): ArchiveRow | null {
    const row = this.db.prepare('SELECT * FROM calendar_archive WHERE calendar_id = ?').get(calendarId);
    return row === undefined ? null : parseRow(archiveRowSchema, row, 'calendar_archive');
  }

  isArchived(calendarId: string): boolean {
    return this.db.prepare('SELECT 1 FROM calendar_archive WHERE calendar_id = ?').get(calendarId) !== undefined;
  }
}
