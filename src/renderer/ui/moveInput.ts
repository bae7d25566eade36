import type { CalendarEvent } from '../../shared/model/CalendarEvent';
import type { CalendarStore, EventInput, OccurrenceRow } from '../replica/CalendarStore';
import { addDays, daysBetween, wallTimeOf } from './wallTime';

/** Where FullCalendar put an event after a drag or resize. */
export interface MovedTimes {
  allDay: boolean;
  /** Instants, for timed events. */
  startMs: number;
  endMs: number | null;
  /** 'YYYY-MM-DD…' strings, for all-day events. */
  startStr: string;
  endStr: string;
}

export interface MoveTarget {
  event: CalendarEvent;
  master: CalendarEvent | null;
}

/** The stored event (and its series master) behind a grid row. */
export async function loadTarget(store: CalendarStore, row: Pick<OccurrenceRow, 'calendarId' | 'uid' | 'recurrenceId'>): Promise<MoveTarget | null> {
  const event = await store.getEvent(row.calendarId, row.uid, row.recurrenceId);
  if (!event) return null;
  const master = row.recurrenceId !== null ? await store.getEvent(row.calendarId, row.uid, null) : null;
  return { event, master };
}

/**
 * The input for a drag or resize: the stored event with new times. Times stay
 * in the event's own zone (a 10:00 New York meeting dragged an hour later is
 * 11:00 New York, whatever zone the grid shows); a floating event stays
 * floating; dropping a timed event on the all-day row makes it all-day and
 * back. For an occurrence the series' rule is carried so a whole-series move
 * can shift it.
 */
export function inputForMove(target: MoveTarget, moved: MovedTimes, displayZone: string): EventInput {
  const { event, master } = target;
  const when = master ? { ...event.when, rrule: master.when.rrule, exdates: master.when.exdates, rdates: master.when.rdates } : event.when;
  if (moved.allDay) {
    const start = moved.startStr.slice(0, 10);
    const days = event.when.allDay ? Math.max(1, daysBetween(event.when.start.slice(0, 10), event.when.end.slice(0, 10))) : 1;
    const end = moved.endStr ? moved.endStr.slice(0, 10) : addDays(start, days);
    return { ...inputOf(event), when: { ...when, start, end, tzid: null, allDay: true } };
  }
  const tzid = event.when.allDay ? displayZone : event.when.tzid;
  const zone = tzid ?? displayZone;
  const endMs = moved.endMs ?? moved.startMs + 3_600_000;
  return { ...inputOf(event), when: { ...when, start: wallTimeOf(moved.startMs, zone), end: wallTimeOf(endMs, zone), tzid, allDay: false } };
}

export function inputOf(event: CalendarEvent): EventInput {
  return { when: event.when, what: event.what, who: event.who, reminders: event.reminders };
}
