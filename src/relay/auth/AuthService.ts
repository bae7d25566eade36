import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '../../shared/protocol/api';
import type { PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import { newId } from '../store/newId';
import { RelayError } from '../RelayError';
import { signAccessToken, verifyAccessToken } from './accessToken';
import { hashPassword, verifyPassword } from './hashPassword';
import { toMe } from './toMe';

export interface AuthOptions {
  accessTtlMs: number;
  refreshTtlMs: number;
  now: () => number;
}

/** readOnly: a session made from an app password, which syncs read-only and calls read-only endpoints. */
export type Authenticated = { ok: true; person: PersonRow; sessionId: string; readOnly: boolean } | { ok: false; reason: string };

function hashRefresh(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A fixed hash so a sign-in for an unknown email costs as much as a real one. */
let dummyHash: Promise<string> | null = null;

/**
 * Sign-in, refresh (rotating: each refresh token works once) and sign-out. A
 * refresh token presented a second time means it was copied: the whole session
 * is revoked, which also ends the access tokens made from it.
 */
export class AuthService {
  private readonly secret: Buffer;

  constructor(
    private readonly store: Store,
    private readonly options: AuthOptions,
  ) {
    this.secret = store.sessions.tokenSecret();
  }

  async signIn(email: string, password: string): Promise<Session | null> {
    const person = this.store.directory.personByEmail(email);
    if (!person) {
      dummyHash ??= hashPassword('not a password');
      await verifyPassword(password, await dummyHash);
      return null;
    }
    if (!(await verifyPassword(password, person.password_hash))) return null;
    // Told only after the right password, so the message reveals nothing to a guesser.
    if (this.store.removedPeople.isRemoved(person.id)) throw new RelayError(401, 'account_removed', 'This account was removed from its organisation: ask an administrator');
    const sessionId = newId();
    this.store.sessions.createSession(sessionId, person.id, this.options.now());
    return this.issue(person, sessionId);
  }

  /** Rotates a refresh token; null when it is unknown, expired, used or its session revoked. */
  refresh(refreshToken: string): Session | null {
    const now = this.options.now();
    const hash = hashRefresh(refreshToken);
    const row = this.store.sessions.refresh(hash);
    if (!row) return null;
    const session = this.store.sessions.session(row.session_id);
    if (!session || session.revoked_at !== null) return null;
    if (row.used_at !== null) {
      this.store.sessions.revokeSession(session.id, now);
      return null;
    }
    if (row.expires_at <= now) return null;
    if (!this.store.sessions.useRefresh(hash, now)) return null;
    const person = this.store.directory.person(session.user_id);
    if (!person || this.store.removedPeople.isRemoved(person.id)) return null;
    return this.issue(person, session.id);
  }

  /** Revokes the session a refresh token belongs to; returns its id (for closing its sockets). */
  signOutByRefresh(refreshToken: string): string | null {
    const row = this.store.sessions.refresh(hashRefresh(refreshToken));
    if (!row) return null;
    this.store.sessions.revokeSession(row.session_id, this.options.now());
    return row.session_id;
  }

  revokeSession(sessionId: string): void {
    this.store.sessions.revokeSession(sessionId, this.options.now());
  }

  /** Checks an access token and that its session and person still exist. */
  authenticate(token: string): Authenticated {
    const check = verifyAccessToken(this.secret, token, this.options.now());
    if (!check.ok) return { ok: false, reason: check.reason };
    const session = this.store.sessions.session(check.claims.sid);
    if (!session || session.revoked_at !== null || session.user_id !== check.claims.sub) return { ok: false, reason: 'session-ended' };
    const person = this.store.directory.person(check.claims.sub);
    if (!person) return { ok: false, reason: 'unknown-person' };
    if (this.store.removedPeople.isRemoved(person.id)) return { ok: false, reason: 'account-removed' };
    return { ok: true, person, sessionId: session.id, readOnly: this.store.appPasswords.isAppSession(session.id) };
  }

  /** Whether a session was made from an app password: its sockets never write, whatever the level. */
  sessionReadOnly(sessionId: string): boolean {
    return this.store.appPasswords.isAppSession(sessionId);
  }

  /**
   * A read-only session for an app password (checked by the caller): an access
   * token only, no refresh token; the client exchanges the app password again
   * when it expires, so revoking the app password ends it for good.
   */
  issueAppPasswordToken(person: PersonRow, appPasswordId: string): { accessToken: string; accessExpiresAt: number } {
    const now = this.options.now();
    const sessionId = newId();
    this.store.transaction(() => {
      this.store.sessions.createSession(sessionId, person.id, now);
      this.store.appPasswords.linkSession(sessionId, appPasswordId);
    });
    const accessExpiresAt = now + this.options.accessTtlMs;
    return { accessToken: signAccessToken(this.secret, { sub: person.id, sid: sessionId, exp: accessExpiresAt }), accessExpiresAt };
  }

  /** Whether a session still stands (open sockets are re-checked against this). */
  sessionActive(sessionId: string): boolean {
    const s = this.store.sessions.session(sessionId);
    return s !== null && s.revoked_at === null;
  }

  private issue(person: PersonRow, sessionId: string): Session {
    const now = this.options.now();
    const org = this.store.directory.org(person.org_id);
    if (!org) throw new Error(`Person ${person.id} has no organisation`);
    const accessExpiresAt = now + this.options.accessTtlMs;
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = now + this.options.refreshTtlMs;
    this.store.sessions.insertRefresh(hashRefresh(refreshToken), sessionId, refreshExpiresAt);
    return {
      accessToken: signAccessToken(this.secret, { sub: person.id, sid: sessionId, exp: accessExpiresAt }),
      accessExpiresAt,
      refreshToken,
      refreshExpiresAt,
      user: toMe(person, org),
    };
  }
}
