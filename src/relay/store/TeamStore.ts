import { z } from 'zod';
import type { SqliteDatabase } from './openDatabase';
import { parseRow, parseRows } from './rowSchemas';

const flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);

export const teamRowSchema = z.object({
  calendar_id: z.string(),
  scope_kind: z.enum(['org', 'groups']),
  level: z.enum(['availability', 'limited', 'reviewer']),
  accepts_submissions: flag,
  created_by: z.string(),
  created_at: z.number().int(),
});
export type TeamRow = z.infer<typeof teamRowSchema>;

export const submissionRowSchema = z.object({
  id: z.string(),
  calendar_id: z.string(),
  submitter_id: z.string(),
  item: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  reason: z.string(),
  at: z.number().int(),
  decided_at: z.number().int().nullable(),
  decided_by_name: z.string(),
  event_key: z.string().nullable(),
});
export type SubmissionRow = z.infer<typeof submissionRowSchema>;

/** Team calendars' settings (scope kind, level, queue switch) and their submission queue. Scope groups and maintainers are grants (SharingStore). */
export class TeamStore {
  constructor(private readonly db: SqliteDatabase) {}

  insertTeam(row: TeamRow): void {
    this.db
      .prepare('INSERT INTO team_calendars (calendar_id, scope_kind, level, accepts_submissions, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.calendar_id, row.scope_kind, row.level, row.accepts_submissions ? 1 : 0, row.created_by, row.created_at);
    this.db.prepare('UPDATE calendars SET team = 1 WHERE id = ?').run(row.calendar_id);
  }

  team(calendarId: string): TeamRow | null {
    const row = this.db.prepare('SELECT * FROM team_calendars WHERE calendar_id = ?').get(calendarId);
    return row === undefined ? null : parseRow(teamRowSchema, row, 'team_calendars');
  }

  teamsOfOrg(orgId: string): TeamRow[] {
    return parseRows(
      teamRowSchema,
      this.db.prepare('SELECT t.* FROM team_calendars t JOIN calendars c ON c.id = t.calendar_id WHERE c.org_id = ? ORDER BY c.name, c.id').all(orgId),
      'team_calendars',
    );
  }

  setScope(calendarId: string, scopeKind: TeamRow['scope_kind'], level: TeamRow['level']): void {
    this.db.prepare('UPDATE team_calendars SET scope_kind = ?, level = ? WHERE calendar_id = ?').run(scopeKind, level, calendarId);
  }

  setAcceptsSubmissions(calendarId: string, accepts: boolean): void {
    this.db.prepare('UPDATE team_calendars SET accepts_submissions = ? WHERE calendar_id = ?').run(accepts ? 1 : 0, calendarId);
  }

  insertSubmission(row: SubmissionRow): void {
    this.db
      .prepare(
        'INSERT INTO team_submissions (id, calendar_id, submitter_id, item, status, reason, at, decided_at, decided_by_name, event_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.id, row.calendar_id, row.submitter_id, row.item, row.status, row.reason, row.at, row.decided_at, row.decided_by_name, row.event_key);
  }

  submission(id: string): SubmissionRow | null {
    const row = this.db.prepare('SELECT * FROM team_submissions WHERE id = ?').get(id);
    return row === undefined ? null : parseRow(submissionRowSchema, row, 'team_submissions');
  }

  /** Pending first (oldest first), then the latest decided ones. */
  submissionsOf(calendarId: string, limit = 200): SubmissionRow[] {
    return parseRows(
      submissionRowSchema,
      this.db
        .prepare("SELECT * FROM team_submissions WHERE calendar_id = ? ORDER BY CASE status WHEN 'pending' THEN 0 ELSE 1 END, CASE status WHEN 'pending' THEN at ELSE -at END LIMIT ?")
        .all(calendarId, limit),
      'team_submissions',
    );
  }

  submissionsBy(calendarId: string, submitterId: string, limit = 200): SubmissionRow[] {
    return parseRows(
      submissionRowSchema,
      this.db.prepare('SELECT * FROM team_submissions WHERE calendar_id = ? AND submitter_id = ? ORDER BY at DESC LIMIT ?').all(calendarId, submitterId, limit),
      'team_submissions',
    );
  }

  pendingCount(calendarId: string): number {
    const row = this.db.prepare("SELECT COUNT(*) AS n FROM team_submissions WHERE calendar_id = ? AND status = 'pending'").get(calendarId) as { n: number };
    return row.n;
  }

  pendingCountBy(calendarId: string, submitterId: string): number {
    const row = this.db.prepare("SELECT COUNT(*) AS n FROM team_submissions WHERE calendar_id = ? AND submitter_id = ? AND status = 'pending'").get(calendarId, submitterId) as {
      n: number;
    };
    return row.n;
  }

  decide(id: string, status: 'approved' | 'rejected', reason: string, at: number, byName: string, eventKey: string | null): void {
    this.db
      .prepare("UPDATE team_submissions SET status = ?, reason = ?, decided_at = ?, decided_by_name = ?, event_key = ? WHERE id = ? AND status = 'pending'")
      .run(status, reason, at, byName, eventKey, id);
  }
}
