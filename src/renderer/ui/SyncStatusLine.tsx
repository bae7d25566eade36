import type { CalendarSyncState } from '../sync/SyncService';
import { describeSyncState, syncAgeOrigin, timeAgo } from './describeSyncState';
import { useNow } from './useNow';

interface SyncStatusLineProps {
  id: string;
  state: CalendarSyncState;
}

/**
 * One calendar's sync state under its name. It re-renders on its own clock
 * (every second while it counts seconds, then every 15 s) so "Synced 5 s ago"
 * is true whenever it is read. Not a live region: a line that changes every
 * second would talk over everything else; the calendar's checkbox points here
 * with aria-describedby instead.
 */
export function SyncStatusLine({ id, state }: SyncStatusLineProps) {
  const readOnlyAt = state.kind === 'read-only' ? state.at : null;
  const now = useNow(syncAgeOrigin(state) ?? readOnlyAt);
  const { text, tone } = describeSyncState(state, now);
  // The full line on hover, for when the sidebar is too narrow for it.
  const title = readOnlyAt !== null ? `Read-only · synced ${timeAgo(readOnlyAt, now)}` : text;
  return (
    <span id={id} className={`sync-status sync-${tone}`} title={title}>
      <span className="sync-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
