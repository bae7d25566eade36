import type { Store } from '../store/Store';
import { TRASH_MS } from './trashPeriod';

/**
 * Removes what has been in the trash longer than TRASH_MS: deleted calendars
 * with their documents and event trash, and deleted events. The relay runs it
 * at start and hourly. A purged calendar can only come back from an export.
 */
export function purgeTrash(store: Store, now: number): { calendars: number; events: number } {
  const before = now - TRASH_MS;
  return store.transaction(() => {
    const due = store.trash.calendarsDeletedBefore(before);
    for (const id of due) purgeDeletedCalendar(store, id, { id: 'relay', name: 'Relay' }, now);
    const events = store.trash.purgeEventsBefore(before);
    return { calendars: due.length, events };
  });
}

/**
 * Removes one deleted calendar for good before its time: its documents, its
 * event trash and its trash entry ("delete forever", e.g. for an erasure
 * request). Returns false when the calendar is not in the trash.
 */
export function purgeDeletedCalendar(store: Store, id: string, actor: { id: string; name: string }, now: number): boolean {
  return store.transaction(() => {
    const row = store.trash.calendar(id);
    if (!row) return false;
    store.rooms.deletePrefix(`cal/${id}/`);
    store.trash.deleteEventsOf(id);
    store.trash.deleteCalendar(id);
    store.audit.record({ orgId: row.org_id, actorId: actor.id, actorName: actor.name, action: 'calendar.purge', calendarId: id, subject: null, detail: { name: row.name } }, now);
    return true;
  });
}
