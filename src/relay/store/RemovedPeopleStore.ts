import { z } from 'zod';
import type { SqliteDatabase } from './openDatabase';
import { calendarRowSchema, parseRows, type CalendarRow } from './rowSchemas';

const idRow = z.object({ user_id: z.string() });

/**
 * People an admin removed from their organisation. The person row stays (their
 * calendars still name them as owner until an admin hands them on), so removal
 * is a mark that sign-in, tokens and the directory check.
 */
export class RemovedPeopleStore {
  constructor(private readonly db: SqliteDatabase) {}

  mark(userId: string, removedBy: string, now: number): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO removed_people (user_id, removed_at, removed_by) VALUES (?, ?, ?)').run(userId, now, removedBy).changes > 0;
  }

  isRemoved(userId: string): boolean {
    return this.db.prepare('SELECT 1 FROM removed_people WHERE user_id = ?').get(userId) !== undefined;
  }

  idsOfOrg(orgId: string): Set<string> {
    return new Set(
      parseRows(idRow, this.db.prepare('SELECT r.user_id FROM removed_people r JOIN people p ON p.id = r.user_id WHERE p.org_id = ?').all(orgId), 'removed_people').map((r) => r.user_id),
    );
  }

  /** Calendars still owned by removed people: waiting for an admin to hand them on or archive them. */
  orphanedCalendars(orgId: string): CalendarRow[] {
    return parseRows(
      calendarRowSchema,
      this.db.prepare('SELECT c.* FROM calendars c JOIN removed_people r ON r.user_id = c.owner_id WHERE c.org_id = ? ORDER BY c.created_at, c.id').all(orgId),
      'calendars',
    );
  }

  setOwner(calendarId: string, ownerId: string): void {
    this.db.prepare('UPDATE calendars SET owner_id = ? WHERE id = ?').run(ownerId, calendarId);
  }

  /** Direct shares to the person, with the calendar they are on (how removal finds what to revoke). */
  directGrantsTo(userId: string): string[] {
    return parseRows(z.object({ calendar_id: z.string() }), this.db.prepare("SELECT calendar_id FROM grants WHERE subject_kind = 'user' AND subject_id = ?").all(userId), 'grants').map((r) => r.calendar_id);
  }

  activeSessionsOf(userId: string): string[] {
    return parseRows(z.object({ id: z.string() }), this.db.prepare('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL').all(userId), 'sessions').map((r) => r.id);
  }
}
