import { z } from 'zod';
import type { SqliteDatabase } from './openDatabase';
import { parseRows } from './rowSchemas';

const syncTimeRowSchema = z.object({ user_id: z.string(), calendar_id: z.string(), at: z.number().int() });

/** When each person last finished syncing each calendar (admin review's "last synced"). */
export class SyncTimeStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Writes many times in one transaction; an older time never replaces a newer one. */
  putMany(entries: Iterable<{ userId: string; calendarId: string; at: number }>): void {
    const stmt = this.db.prepare(
      // A calendar deleted since the sync was seen has nothing left to report.
      'INSERT INTO calendar_sync_times (user_id, calendar_id, at) SELECT ?, id, ? FROM calendars WHERE id = ? ON CONFLICT (user_id, calendar_id) DO UPDATE SET at = MAX(at, excluded.at)',
    );
    this.db.transaction(() => {
      for (const e of entries) stmt.run(e.userId, e.at, e.calendarId);
    })();
  }

  /** Every recorded time of an organisation's calendars, keyed `<userId> <calendarId>`. */
  ofOrg(orgId: string): Map<string, number> {
    const rows = parseRows(
      syncTimeRowSchema,
      this.db.prepare('SELECT s.user_id, s.calendar_id, s.at FROM calendar_sync_times s JOIN calendars c ON c.id = s.calendar_id WHERE c.org_id = ?').all(orgId),
      'calendar_sync_times',
    );
    return new Map(rows.map((r) => [syncTimeKey(r.user_id, r.calendar_id), r.at]));
  }
}

export function syncTimeKey(userId: string, calendarId: string): string {
  return `${userId} ${calendarId}`;
}
