import { z } from 'zod';
import type { SqliteDatabase } from './openDatabase';
import { parseRow, parseRows } from './rowSchemas';

export const appPasswordRowSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  hash: z.string(),
  created_at: z.number().int(),
  last_used_at: z.number().int().nullable(),
  revoked_at: z.number().int().nullable(),
});
export type AppPasswordRow = z.infer<typeof appPasswordRowSchema>;

const sessionIdRow = z.object({ session_id: z.string() });
const allowedRow = z.object({ allowed: z.union([z.literal(0), z.literal(1)]) });

/** App passwords (scrypt hashes), the read-only sessions made from them, and each organisation's switch. */
export class AppPasswordStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(row: Omit<AppPasswordRow, 'last_used_at' | 'revoked_at'>): void {
    this.db.prepare('INSERT INTO app_passwords (id, user_id, name, hash, created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL, NULL)').run(row.id, row.user_id, row.name, row.hash, row.created_at);
  }

  get(id: string): AppPasswordRow | null {
    const row = this.db.prepare('SELECT * FROM app_passwords WHERE id = ?').get(id);
    return row === undefined ? null : parseRow(appPasswordRowSchema, row, 'app_passwords');
  }

  /** Every app password of a person, revoked ones included (the list shows them until deleted with the person). */
  ofUser(userId: string): AppPasswordRow[] {
    return parseRows(appPasswordRowSchema, this.db.prepare('SELECT * FROM app_passwords WHERE user_id = ? ORDER BY created_at, id').all(userId), 'app_passwords');
  }

  activeOfUser(userId: string): AppPasswordRow[] {
    return this.ofUser(userId).filter((r) => r.revoked_at === null);
  }

  activeIdsOfOrg(orgId: string): { id: string; user_id: string }[] {
    return parseRows(
      z.object({ id: z.string(), user_id: z.string() }),
      this.db.prepare('SELECT a.id, a.user_id FROM app_passwords a JOIN people p ON p.id = a.user_id WHERE p.org_id = ? AND a.revoked_at IS NULL').all(orgId),
      'app_passwords',
    );
  }

  /** Marks it revoked; false when it already was. */
  revoke(id: string, now: number): boolean {
    return this.db.prepare('UPDATE app_passwords SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes > 0;
  }

  touch(id: string, now: number): void {
    this.db.prepare('UPDATE app_passwords SET last_used_at = ? WHERE id = ?').run(now, id);
  }

  linkSession(sessionId: string, appPasswordId: string): void {
    this.db.prepare('INSERT INTO app_password_sessions (session_id, app_password_id) VALUES (?, ?)').run(sessionId, appPasswordId);
  }

  /** Sessions (token exchanges) made with this app password. */
  sessionsOf(appPasswordId: string): string[] {
    return parseRows(sessionIdRow, this.db.prepare('SELECT session_id FROM app_password_sessions WHERE app_password_id = ?').all(appPasswordId), 'app_password_sessions').map((r) => r.session_id);
  }

  /** Whether a session was made from an app password (such sessions sync read-only). */
  isAppSession(sessionId: string): boolean {
    return this.db.prepare('SELECT 1 FROM app_password_sessions WHERE session_id = ?').get(sessionId) !== undefined;
  }

  /** On unless an admin switched it off. */
  allowed(orgId: string): boolean {
    const row = this.db.prepare('SELECT allowed FROM org_app_password_policy WHERE org_id = ?').get(orgId);
    return row === undefined ? true : parseRow(allowedRow, row, 'org_app_password_policy').allowed === 1;
  }

  setAllowed(orgId: string, allowed: boolean): void {
    this.db.prepare('INSERT INTO org_app_password_policy (org_id, allowed) VALUES (?, ?) ON CONFLICT (org_id) DO UPDATE SET allowed = excluded.allowed').run(orgId, allowed ? 1 : 0);
  }
}
