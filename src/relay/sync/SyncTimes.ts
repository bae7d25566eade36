import type { SqliteDatabase } from '../store/openDatabase';
import { SyncTimeStore, syncTimeKey } from '../store/SyncTimeStore';
import type { Connection } from './Connection';

/**
 * When each person last finished syncing each calendar. A sync finishes when
 * the relay answers a socket's step 1 (the device then holds everything the
 * relay has); while that socket stays open it receives every change as it is
 * stored, so it counts as synced up to now. Kept in memory and written at most
 * every flush (a few seconds), so a busy relay pays one small transaction per
 * flush rather than a write per message.
 */
export class SyncTimes {
  private readonly pending = new Map<string, { userId: string; calendarId: string; at: number }>();
  /** Sockets whose step 1 was answered; weak, so a closed socket costs nothing. */
  private readonly live = new WeakSet<Connection>();
  private readonly store: SyncTimeStore;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.store = new SyncTimeStore(db);
  }

  /** A socket's step 1 was answered. */
  synced(conn: Connection): void {
    if (conn.roomName.kind !== 'calendar') return;
    this.live.add(conn);
    this.mark(conn.userId, conn.roomName.calendarId, this.now());
  }

  /** Writes what changed since the last flush; open, synced sockets count as synced now. */
  flush(open: Iterable<Connection>): void {
    const at = this.now();
    for (const c of open) if (!c.closed && c.roomName.kind === 'calendar' && this.live.has(c)) this.mark(c.userId, c.roomName.calendarId, at);
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()];
    this.pending.clear();
    this.store.putMany(entries);
  }

  /** Stored times overlaid with those not yet flushed, keyed by syncTimeKey. */
  ofOrg(orgId: string): Map<string, number> {
    const times = this.store.ofOrg(orgId);
    for (const [k, e] of this.pending) if ((times.get(k) ?? 0) < e.at) times.set(k, e.at);
    return times;
  }

  private mark(userId: string, calendarId: string, at: number): void {
    this.pending.set(syncTimeKey(userId, calendarId), { userId, calendarId, at });
  }
}
