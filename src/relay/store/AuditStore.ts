import type { AuditEntry } from '../../shared/protocol/api';
import type { SqliteDatabase } from './openDatabase';
import { auditRowSchema, parseRows, type AuditRow } from './rowSchemas';

export interface AuditRecord {
  orgId: string | null;
  actorId: string;
  actorName: string;
  action: string;
  calendarId: string | null;
  subject: string | null;
  detail: Record<string, unknown>;
}

/** Who changed which share, when: every change of access is written here. */
export class AuditStore {
  constructor(private readonly db: SqliteDatabase) {}

  record(r: AuditRecord, now: number): void {
    this.db
      .prepare('INSERT INTO audit (at, org_id, actor_id, actor_name, action, calendar_id, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(now, r.orgId, r.actorId, r.actorName, r.action, r.calendarId, r.subject, JSON.stringify(r.detail));
  }

  forCalendar(calendarId: string, limit = 500): AuditEntry[] {
    return parseRows(auditRowSchema, this.db.prepare('SELECT * FROM audit WHERE calendar_id = ? ORDER BY id DESC LIMIT ?').all(calendarId, limit), 'audit').map(toEntry);
  }

  forOrg(orgId: string, limit = 500): AuditEntry[] {
    return parseRows(auditRowSchema, this.db.prepare('SELECT * FROM audit WHERE org_id = ? ORDER BY id DESC LIMIT ?').all(orgId, limit), 'audit').map(toEntry);
  }

  all(limit = 500): AuditEntry[] {
    return parseRows(auditRowSchema, this.db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit), 'audit').map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  let detail: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.detail);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) detail = parsed as Record<string, unknown>;
  } catch {
    detail = { damaged: true };
  }
  return { id: row.id, at: row.at, actorId: row.actor_id, actorName: row.actor_name, action: row.action, calendarId: row.calendar_id, subject: row.subject, detail };
}
