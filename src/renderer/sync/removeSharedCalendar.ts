import type { ReplicaHost } from '../replica/ReplicaHost';
import { hasPendingChanges, keepUnsavedChanges } from './keepUnsavedChanges';

/**
 * Takes someone else's calendar out of the person's list ("Remove from my
 * calendars"): its overlay entry goes, which every device of the person's
 * follows by deleting its local copy; the owner's share is not touched. Edits
 * of this device the relay has not confirmed are kept as unsaved changes first.
 * The caller stops the calendar's sockets before, so nothing is confirmed
 * half-way through.
 */
export async function removeSharedCalendar(host: ReplicaHost, calendarId: string, now: number): Promise<void> {
  if (hasPendingChanges(host, calendarId)) {
    const reason = `“${host.calendarName(calendarId)}” was removed from your calendars before this change reached the relay.`;
    await keepUnsavedChanges(host, calendarId, { main: null, kind: 'full', private: null }, reason, now);
  }
  await host.forgetCalendar(calendarId);
}
