import type { SharedCalendarInfo, SyncService } from '../sync/SyncService';

const LOCAL: Omit<SharedCalendarInfo, 'calendarId'> = { access: null, level: 'owner', sync: { kind: 'local' } };

/**
 * A calendar's sharing state as the UI reads it: from the sync service when
 * there is one, else a local calendar the person owns (the app before sync).
 * A service that throws for a calendar it does not know yet reads as local too:
 * the relay, not this, is what enforces levels.
 */
export function calendarInfoOf(sync: SyncService | undefined, calendarId: string): SharedCalendarInfo {
  if (!sync) return { calendarId, ...LOCAL };
  try {
    return sync.calendarInfo(calendarId);
  } catch {
    return { calendarId, ...LOCAL };
  }
}
