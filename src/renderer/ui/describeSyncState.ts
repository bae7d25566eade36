import type { CalendarSyncState } from '../sync/SyncService';

/** "just now", "5 s ago", "3 min ago", "2 h ago", "on 12 Jun": how long since an instant, in words. */
export function timeAgo(at: number, now: number, locale?: string): string {
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `on ${new Date(at).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: now - at > 300 * 86_400_000 ? 'numeric' : undefined })}`;
}

function changes(n: number): string {
  return n === 1 ? '1 change waiting' : `${n} changes waiting`;
}

export type SyncTone = 'ok' | 'busy' | 'warn' | 'error' | 'none';

/** One calendar's sync state as the short line under its name in the sidebar. */
export function describeSyncState(state: CalendarSyncState, now: number, locale?: string): { text: string; tone: SyncTone } {
  switch (state.kind) {
    case 'local':
      return { text: 'Not shared', tone: 'none' };
    case 'synced':
      return { text: `Synced ${timeAgo(state.at, now, locale)}`, tone: 'ok' };
    case 'pending':
      return { text: changes(state.changes), tone: 'busy' };
    case 'connecting':
      return { text: 'Connecting…', tone: 'busy' };
    case 'offline':
      if (state.pendingChanges > 0) return { text: `Offline · ${changes(state.pendingChanges)}`, tone: 'warn' };
      return { text: state.lastSyncedAt === null ? 'Offline' : `Offline · synced ${timeAgo(state.lastSyncedAt, now, locale)}`, tone: 'warn' };
    case 'read-only':
      return { text: 'Read-only', tone: 'none' };
    case 'stale':
      return { text: 'No longer syncing', tone: 'warn' };
    case 'error':
      return { text: state.message ? `Not syncing: ${state.message}` : 'Not syncing', tone: 'error' };
  }
}

/** The instant a "… ago" in the description counts from, so the line can re-render while it is on screen. */
export function syncAgeOrigin(state: CalendarSyncState): number | null {
  if (state.kind === 'synced') return state.at;
  if (state.kind === 'offline' && state.pendingChanges === 0) return state.lastSyncedAt;
  return null;
}
