import type { CalendarSyncState } from './SyncService';
import type { RoomState } from './RoomState';

export interface CalendarSyncInput {
  /** Never on a relay (or not signed in while it was made). */
  local: boolean;
  /** Revoked for someone of another organisation: time it stopped. */
  staleSince: number | null;
  /** The calendar's level is below editor (or its events come from a projection). */
  readOnly: boolean;
  /** Rooms of the calendar's current binding; empty while none are open (signed out, resetting). */
  rooms: readonly RoomState[];
  /** Local changes waiting, when no rooms are open (read from the outbox). */
  pendingWithoutRooms: number;
  lastSyncedWithoutRooms: number | null;
  /** The account cannot sync (signed out, expired): nothing is being sent. */
  accountOffline: boolean;
  /** A reset or a failure the engine reports in words. */
  error: string | null;
}

/**
 * The per-calendar state the UI shows, from facts only: the oldest confirmation
 * across the calendar's rooms is when it was last known to be in sync, and any
 * unconfirmed local change keeps it "pending" until the relay's reply says it
 * holds it.
 */
export function computeSyncState(input: CalendarSyncInput): CalendarSyncState {
  if (input.error !== null) return { kind: 'error', message: input.error };
  if (input.staleSince !== null) return { kind: 'stale', since: input.staleSince };
  if (input.local) return { kind: 'local' };
  const rooms = input.rooms;
  const pending = rooms.length > 0 ? rooms.reduce((n, r) => n + r.pending, 0) : input.pendingWithoutRooms;
  const lastSyncedAt = rooms.length > 0 ? oldest(rooms.map((r) => r.lastSyncedAt)) : input.lastSyncedWithoutRooms;
  if (input.accountOffline || rooms.length === 0) return { kind: 'offline', lastSyncedAt, pendingChanges: pending };
  if (rooms.some((r) => r.connection === 'offline' || r.connection === 'refused')) return { kind: 'offline', lastSyncedAt, pendingChanges: pending };
  if (rooms.some((r) => r.connection === 'connecting')) return { kind: 'connecting', lastSyncedAt };
  if (pending > 0) return { kind: 'pending', changes: pending, lastSyncedAt };
  if (input.readOnly) return { kind: 'read-only', at: lastSyncedAt };
  // Live with nothing pending but never confirmed yet: the first reply is moments away.
  if (lastSyncedAt === null) return { kind: 'connecting', lastSyncedAt };
  return { kind: 'synced', at: lastSyncedAt };
}

/** null when any room was never confirmed: the calendar as a whole was not. */
function oldest(values: readonly (number | null)[]): number | null {
  let out: number | null = null;
  for (const v of values) {
    if (v === null) return null;
    out = out === null ? v : Math.min(out, v);
  }
  return out;
}
