import type { CalendarEvent } from '../../shared/model/CalendarEvent';
import type { ReplicaHost } from '../replica/ReplicaHost';
import { findUnsavedChanges, type ServerCopy } from './findUnsavedChanges';

/**
 * Stores, as unsaved changes, this device's edits of a calendar that the relay
 * does not hold (compared with `server`; with no server copy, every unconfirmed
 * edit). Runs before anything that replaces or deletes the local copy.
 */
export async function keepUnsavedChanges(host: ReplicaHost, calendarId: string, server: ServerCopy, reason: string, now: number): Promise<CalendarEvent[]> {
  const replica = await host.loadedReplica(calendarId);
  if (!replica) return [];
  const candidates = await host.unconfirmedKeys(calendarId);
  const lost = findUnsavedChanges(replica, candidates, server);
  const calendarName = host.calendarName(calendarId);
  await host.addUnsaved(lost.map((event) => ({ id: crypto.randomUUID(), calendarId, calendarName, event, reason, at: now })));
  return lost;
}

/** Whether any document of the calendar has local changes the relay has not confirmed. */
export function hasPendingChanges(host: ReplicaHost, calendarId: string): boolean {
  const binding = host.binding(calendarId);
  if (!binding) return false;
  const prefix = `cal/${calendarId}/`;
  return [`${prefix}full`, `${prefix}private`].some((docName) => host.pendingIds(docName).length > 0);
}
