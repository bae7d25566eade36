import { randomBytes } from 'node:crypto';
import type { SqliteDatabase } from './openDatabase';
import { parseRow, refreshRowSchema, sessionRowSchema, type RefreshRow, type SessionRow } from './rowSchemas';

/** Sign-in sessions, their (hashed) refresh tokens, and the token-signing secret. */
export class SessionStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** The HMAC secret for access tokens, created on first use and kept in the data file. */
  tokenSecret(): Buffer {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'token_secret'").get() as { value?: unknown } | undefined;
    if (row !== undefined) {
      if (typeof row.value !== 'string' || !/^[A-Za-z0-9_-]{43,}$/.test(row.value)) throw new Error('Damaged row in settings: token_secret');
      return Buffer.from(row.value, 'base64url');
    }
    const secret = randomBytes(32);
    this.db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('token_secret', ?)").run(secret.toString('base64url'));
    // Another process may have won the race: read back what is stored.
    return this.tokenSecret();
  }

  createSession(id: string, userId: string, now: number): void {
    this.db.prepare('INSERT INTO sessions (id, user_id, created_at, revoked_at) VALUES (?, ?, ?, NULL)').run(id, userId, now);
  }

  session(id: string): SessionRow | null {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id);
    return row === undefined ? null : parseRow(sessionRowSchema, row, 'sessions');
  }

  revokeSession(id: string, now: number): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id);
  }

  insertRefresh(hash: string, sessionId: string, expiresAt: number): void {
    this.db.prepare('INSERT INTO refresh_tokens (hash, session_id, expires_at, used_at) VALUES (?, ?, ?, NULL)').run(hash, sessionId, expiresAt);
  }

  refresh(hash: string): RefreshRow | null {
    const row = this.db.prepare('SELECT * FROM refresh_tokens WHERE hash = ?').get(hash);
    return row === undefined ? null : parseRow(refreshRowSchema, row, 'refresh_tokens');
  }

  /** Marks a refresh token used; false when another request used it first. */
  useRefresh(hash: string, now: number): boolean {
    return this.db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL').run(now, hash).changes > 0;
  }

  /** Drops tokens long past expiry so the table does not grow forever. */
  pruneExpired(now: number): void {
    this.db.prepare('DELETE FROM refresh_tokens WHERE expires_at < ?').run(now);
  }
}
