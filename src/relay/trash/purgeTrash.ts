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
    for (const id of due) {
      const row = store.trash.calendar(id);
      store.rooms.deletePrefix(`cal/${id}/`);
      store.trash.deleteEventsOf(id);
      store.trash.deleteCalendar(id);
      store.audit.record({ orgId: row?.org_id ?? null, actorId: 'relay', actorName: 'Relay', action: 'calendar.purge', calendarId: id, subject: null, detail: { name: row?.name ?? null } }, now);
    }
    const events = store.trash.purgeEventsBefore(before);
    return { calendars: due.length, events };
  });
}
