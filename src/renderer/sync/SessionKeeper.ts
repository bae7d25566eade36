import type { Session } from '../../shared/protocol/api';
import { RelayClient, type Fetch } from './RelayClient';
import { RelayError } from './RelayError';
import type { LockFn } from './withLock';

/** Where a profile's session is kept between runs (Platform: safeStorage or IndexedDB). */
export interface SessionVault {
  load(): Promise<Session | null>;
  save(session: Session | null): Promise<boolean>;
}

/** The relay refused the refresh token (expired, revoked, used twice). */
export class SessionExpiredError extends Error {
  override readonly name = 'SessionExpiredError';
}

/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;

export interface SessionKeeperOptions {
  vault: SessionVault;
  relayUrl: string;
  lock: LockFn;
  lockName: string;
  now: () => number;
  fetchImpl?: Fetch;
  /** The refresh token was refused: the account is expired until the person signs in again. */
  onExpired: () => void;
  /** A new access token (this window's or another's). */
  onRefreshed: (session: Session) => void;
}

/**
 * The signed-in session of a profile, shared by its windows through the vault.
 * Refresh tokens rotate and a reused one ends the session, so a refresh happens
 * under a lock shared by all windows, after re-reading the vault: a window that
 * finds a newer session there (another window refreshed) adopts it instead.
 */
export class SessionKeeper {
  private current: Session | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    session: Session,
    private readonly options: SessionKeeperOptions,
  ) {
    this.current = session;
  }

  get session(): Session | null {
    return this.current;
  }

  /** The access token as it is now, possibly about to expire (for a socket's URL; a 4401 triggers a refresh). */
  tokenNow(): string | null {
    return this.current?.accessToken ?? null;
  }

  /** A token valid for at least a minute, refreshing first when needed. */
  async accessToken(): Promise<string> {
    const s = this.current;
    if (!s) throw new SessionExpiredError('Signed out.');
    if (s.accessExpiresAt - this.options.now() > REFRESH_AHEAD_MS) return s.accessToken;
    return (await this.refresh(s.accessToken)).accessToken;
  }

  /**
   * Refreshes unless someone already did since `staleToken` was handed out.
   * Network failures propagate (the caller stays offline and retries later).
   */
  async refresh(staleToken: string | null = this.current?.accessToken ?? null): Promise<Session> {
    const { vault, lock, lockName, now } = this.options;
    return lock(lockName, async () => {
      if (this.closed || !this.current) throw new SessionExpiredError('Signed out.');
      const stored = await vault.load();
      if (stored && stored.user.id === this.current.user.id && stored.accessToken !== staleToken && stored.accessExpiresAt - now() > REFRESH_AHEAD_MS) {
        this.adopt(stored);
        return stored;
      }
      const refreshToken = stored && stored.user.id === this.current.user.id ? stored.refreshToken : this.current.refreshToken;
      let next: Session;
      try {
        next = await new RelayClient(this.options.relayUrl, () => Promise.reject(new Error('no token needed')), this.options.fetchImpl).refresh(refreshToken);
      } catch (err) {
        if (err instanceof RelayError && (err.status === 400 || err.status === 401 || err.status === 403)) {
          this.current = null;
          this.stopTimer();
          await vault.save(null);
          this.options.onExpired();
          throw new SessionExpiredError('Your sign-in has expired; sign in again to sync.', { cause: err });
        }
        throw err;
      }
      await vault.save(next);
      this.adopt(next);
      return next;
    });
  }

  private adopt(session: Session): void {
    this.current = session;
    this.options.onRefreshed(session);
  }

  /** Keeps the access token fresh ahead of expiry (the syncing window only). */
  startTimer(): void {
    this.stopTimer();
    const s = this.current;
    if (!s || this.closed) return;
    const wait = Math.max(1_000, s.accessExpiresAt - REFRESH_AHEAD_MS - this.options.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().then(
        () => this.startTimer(),
        (err: unknown) => {
          // Offline: try again shortly; expired: onExpired already ran.
          if (!(err instanceof SessionExpiredError)) this.timer = setTimeout(() => this.startTimer(), 15_000);
        },
      );
    }, wait);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
  }
}
