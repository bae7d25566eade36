import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { SqliteDatabase } from './openDatabase';
import {
  calendarRowSchema,
  grantRowSchema,
  invitationRowSchema,
  parseRow,
  parseRows,
  staleRowSchema,
  type CalendarRow,
  type GrantRow,
  type InvitationRow,
} from './rowSchemas';

export type SubjectKind = 'user' | 'group';

/** Calendars, their grants, invitations and the stale copies of revoked outsiders. ACLs live here, never in a document. */
export class SharingStore {
  constructor(private readonly db: SqliteDatabase) {}

  createCalendar(row: Omit<CalendarRow, 'titles_epoch' | 'busy_epoch'>): CalendarRow {
    const full: CalendarRow = { ...row, titles_epoch: 0, busy_epoch: 0 };
    this.db
      .prepare(
        'INSERT INTO calendars (id, org_id, owner_id, name, default_level, titles_epoch, busy_epoch, created_at) VALUES (@id, @org_id, @owner_id, @name, @default_level, @titles_epoch, @busy_epoch, @created_at)',
      )
      .run(full);
    return full;
  }

  /** Puts back a calendar row as it was (restore from the trash or from an export), epochs included. */
  insertCalendarRow(row: CalendarRow): void {
    this.db
      .prepare(
        'INSERT INTO calendars (id, org_id, owner_id, name, default_level, titles_epoch, busy_epoch, created_at) VALUES (@id, @org_id, @owner_id, @name, @default_level, @titles_epoch, @busy_epoch, @created_at)',
      )
      .run({ id: row.id, org_id: row.org_id, owner_id: row.owner_id, name: row.name, default_level: row.default_level, titles_epoch: row.titles_epoch, busy_epoch: row.busy_epoch, created_at: row.created_at });
    if (row.team === true) this.db.prepare('UPDATE calendars SET team = 1 WHERE id = ?').run(row.id);
    this.db.prepare('DELETE FROM deleted_calendars WHERE id = ?').run(row.id);
  }

  calendar(id: string): CalendarRow | null {
    const row = this.db.prepare('SELECT * FROM calendars WHERE id = ?').get(id);
    return row === undefined ? null : parseRow(calendarRowSchema, row, 'calendars');
  }

  calendarsOfOrg(orgId: string): CalendarRow[] {
    return parseRows(calendarRowSchema, this.db.prepare('SELECT * FROM calendars WHERE org_id = ? ORDER BY created_at, id').all(orgId), 'calendars');
  }

  /** Calendars outside `orgId` that grant `userId` directly (how outsiders reach a calendar). */
  calendarsGrantedOutside(userId: string, orgId: string): CalendarRow[] {
    return parseRows(
      calendarRowSchema,
      this.db
        .prepare(
          "SELECT c.* FROM calendars c JOIN grants g ON g.calendar_id = c.id WHERE g.subject_kind = 'user' AND g.subject_id = ? AND c.org_id <> ? ORDER BY c.created_at, c.id",
        )
        .all(userId, orgId),
      'calendars',
    );
  }

  allCalendars(): CalendarRow[] {
    return parseRows(calendarRowSchema, this.db.prepare('SELECT * FROM calendars ORDER BY created_at, id').all(), 'calendars');
  }

  isDeletedCalendarId(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM deleted_calendars WHERE id = ?').get(id) !== undefined;
  }

  renameCalendar(id: string, name: string): void {
    this.db.prepare('UPDATE calendars SET name = ? WHERE id = ?').run(name, id);
  }

  setCalendarDefault(id: string, level: PermissionLevel | null): void {
    this.db.prepare('UPDATE calendars SET default_level = ? WHERE id = ?').run(level, id);
  }

  bumpEpochs(id: string): void {
    this.db.prepare('UPDATE calendars SET titles_epoch = titles_epoch + 1, busy_epoch = busy_epoch + 1 WHERE id = ?').run(id);
  }

  deleteCalendar(id: string, now: number): void {
    this.db.prepare('DELETE FROM calendars WHERE id = ?').run(id);
    this.db.prepare('INSERT OR REPLACE INTO deleted_calendars (id, deleted_at) VALUES (?, ?)').run(id, now);
    this.db.prepare("DELETE FROM invitations WHERE calendar_id = ? AND status = 'pending'").run(id);
  }

  grants(calendarId: string): GrantRow[] {
    return parseRows(grantRowSchema, this.db.prepare('SELECT * FROM grants WHERE calendar_id = ? ORDER BY since, subject_id').all(calendarId), 'grants');
  }

  grantsOfOrgCalendars(orgId: string): GrantRow[] {
    return parseRows(grantRowSchema, this.db.prepare('SELECT g.* FROM grants g JOIN calendars c ON c.id = g.calendar_id WHERE c.org_id = ?').all(orgId), 'grants');
  }

  grant(calendarId: string, kind: SubjectKind, subjectId: string): GrantRow | null {
    const row = this.db.prepare('SELECT * FROM grants WHERE calendar_id = ? AND subject_kind = ? AND subject_id = ?').get(calendarId, kind, subjectId);
    return row === undefined ? null : parseRow(grantRowSchema, row, 'grants');
  }

  putGrant(g: GrantRow): void {
    this.db
      .prepare(
        `INSERT INTO grants (calendar_id, subject_kind, subject_id, level, sees_private, since, granted_by) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (calendar_id, subject_kind, subject_id) DO UPDATE SET level = excluded.level, sees_private = excluded.sees_private, since = excluded.since, granted_by = excluded.granted_by`,
      )
      .run(g.calendar_id, g.subject_kind, g.subject_id, g.level, g.sees_private ? 1 : 0, g.since, g.granted_by);
  }

  deleteGrant(calendarId: string, kind: SubjectKind, subjectId: string): boolean {
    return this.db.prepare('DELETE FROM grants WHERE calendar_id = ? AND subject_kind = ? AND subject_id = ?').run(calendarId, kind, subjectId).changes > 0;
  }

  insertInvitation(row: InvitationRow): void {
    this.db
      .prepare('INSERT INTO invitations (id, calendar_id, calendar_name, to_id, from_id, level, ask_back, message, at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.calendar_id, row.calendar_name, row.to_id, row.from_id, row.level, row.ask_back ? 1 : 0, row.message, row.at, row.status);
  }

  invitation(id: string): InvitationRow | null {
    const row = this.db.prepare('SELECT * FROM invitations WHERE id = ?').get(id);
    return row === undefined ? null : parseRow(invitationRowSchema, row, 'invitations');
  }

  pendingInvitation(calendarId: string, toId: string): InvitationRow | null {
    const row = this.db.prepare("SELECT * FROM invitations WHERE calendar_id = ? AND to_id = ? AND status = 'pending' ORDER BY at DESC LIMIT 1").get(calendarId, toId);
    return row === undefined ? null : parseRow(invitationRowSchema, row, 'invitations');
  }

  invitationsTo(toId: string): InvitationRow[] {
    return parseRows(invitationRowSchema, this.db.prepare('SELECT * FROM invitations WHERE to_id = ? ORDER BY at DESC').all(toId), 'invitations');
  }

  deleteInvitation(id: string): void {
    this.db.prepare('DELETE FROM invitations WHERE id = ?').run(id);
  }

  setInvitationStatus(id: string, status: InvitationRow['status']): void {
    this.db.prepare('UPDATE invitations SET status = ? WHERE id = ?').run(status, id);
  }

  setInvitationLevel(id: string, level: PermissionLevel): void {
    this.db.prepare('UPDATE invitations SET level = ? WHERE id = ?').run(level, id);
  }

  /** Stale copies of one person: raw JSON, parsed by the caller with calendarAccessSchema. */
  staleOf(userId: string): { calendarId: string; access: string; since: number }[] {
    return parseRows(staleRowSchema, this.db.prepare('SELECT * FROM stale_access WHERE user_id = ?').all(userId), 'stale_access').map((r) => ({
      calendarId: r.calendar_id,
      access: r.access,
      since: r.since,
    }));
  }

  putStale(userId: string, calendarId: string, accessJson: string, since: number): void {
    this.db.prepare('INSERT OR REPLACE INTO stale_access (user_id, calendar_id, access, since) VALUES (?, ?, ?, ?)').run(userId, calendarId, accessJson, since);
  }

  deleteStale(userId: string, calendarId: string): void {
    this.db.prepare('DELETE FROM stale_access WHERE user_id = ? AND calendar_id = ?').run(userId, calendarId);
  }
}
