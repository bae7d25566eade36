import { defaultWhat, type EventWhat, type EventWhen } from '../../shared/model/CalendarEvent';
import type { SubmittedItem } from '../../shared/protocol/teamCalendars';

/** A submitted item as the event it becomes on approval: busy, not private, no people, no reminders. */
export function toEventGroups(item: SubmittedItem): { when: EventWhen; what: EventWhat } {
  return {
    when: { start: item.start, end: item.end, tzid: item.allDay ? null : item.tzid, allDay: item.allDay, rrule: null, exdates: [], rdates: [] },
    what: { ...defaultWhat(item.title), location: item.location, description: item.description },
  };
}
