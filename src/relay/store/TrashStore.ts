import { z } from 'zod';
import type { SqliteDatabase } from './openDatabase';
import { parseRow, parseRows } from './rowSchemas';

const ms = z.number().int();

/**
 * A deleted calendar: its row, grants and published ICS links as JSON (parsed again on restore),
 * its documents stay in room_* until purged.
 */
export const calendarTrashRowSchema = z.object({
  calendar_id: z.string(),
  org_id: z.string(),
  owner_id: z.string(),
  name: z.string(),
  calendar: z.string(),
  grants: z.string(),
  ics_links: z.string(),
  deleted_at: ms,
  deleted_by: z.string(),
});
export type CalendarTrashRow = z.infer<typeof calendarTrashRowSchema>;

/** A deleted event's last groups (group name -> stored JSON string), as `full` held them. */
export const eventTrashRowSchema = z.object({
  calendar_id: z.string(),
  event_key: z.string(),
  groups: z.string(),
  deleted_at: ms,
  deleted_by: z.string().nullable(),
});
export type EventTrashRow = z.infer<typeof eventTrashRowSchema>;

/** Deleted calendars and events, kept for TRASH_DAYS. */
export class TrashStore {
  constructor(private readonly db: SqliteDatabase) {}

  putCalendar(row: CalendarTrashRow): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO calendar_trash (calendar_id, org_id, owner_id, name, calendar, grants, ics_links, deleted_at, deleted_by) VALUES (@calendar_id, @org_id, @owner_id, @name, @calendar, @grants, @ics_links, @deleted_at, @deleted_by)',
      )
      .run(row);
  }

  calendar(calendarId: string): CalendarTrashRow | null {
    const row = this.db.prepare('SELECT * FROM calendar_trash WHERE calendar_id = ?').get(calendarId);
    return row === undefined ? null : parseRow(calendarTrashRowSchema, row, 'calendar_trash');
  }

  calendarsOfOrg(orgId: string): CalendarTrashRow[] {
    return parseRows(calendarTrashRowSchema, this.db.prepare('SELECT * FROM calendar_trash WHERE org_id = ? ORDER BY deleted_at DESC').all(orgId), 'calendar_trash');
  }

  calendarsOfOwner(ownerId: string): CalendarTrashRow[] {
    return parseRows(calendarTrashRowSchema, this.db.prepare('SELECT * FROM calendar_trash WHERE owner_id = ? ORDER BY deleted_at DESC').all(ownerId), 'calendar_trash');
  }

  deleteCalendar(calendarId: string): void {
    this.db.prepare('DELETE FROM calendar_trash WHERE calendar_id = ?').run(calendarId);
  }

  /** Calendars deleted before `before` (due for purging). */
  calendarsDeletedBefore(before: number): string[] {
    return (this.db.prepare('SELECT calendar_id FROM calendar_trash WHERE deleted_at < ?').all(before) as { calendar_id: string }[]).map((r) => r.calendar_id);
  }

  putEvent(row: EventTrashRow): void {
    this.db
      .prepare('INSERT OR REPLACE INTO event_trash (calendar_id, event_key, groups, deleted_at, deleted_by) VALUES (@calendar_id, @event_key, @groups, @deleted_at, @deleted_by)')
      .run(row);
  }

  event(calendarId: string, key: string): EventTrashRow | null {
    const row = this.db.prepare('SELECT * FROM event_trash WHERE calendar_id = ? AND event_key = ?').get(calendarId, key);
    return row === undefined ? null : parseRow(eventTrashRowSchema, row, 'event_trash');
  }

  eventsOf(calendarId: string): EventTrashRow[] {
    return parseRows(eventTrashRowSchema, this.db.prepare('SELECT * FROM event_trash WHERE calendar_id = ? ORDER BY deleted_at DESC, event_key').all(calendarId), 'event_trash');
  }

  deleteEvent(calendarId: string, key: string): void {
    this.db.prepare('DELETE FROM event_trash WHERE calendar_id = ? AND event_key = ?').run(calendarId, key);
  }

  deleteEventsOf(calendarId: string): void {
    this.db.prepare('DELETE FROM event_trash WHERE calendar_id = ?').run(calendarId);
  }

  purgeEventsBefore(before: number): number {
    return this.db.prepare('DELETE FROM event_trash WHERE deleted_at < ?').run(before).changes;
  }
}
