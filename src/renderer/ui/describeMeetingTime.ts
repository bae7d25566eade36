import type { EventWhen } from '../../shared/model/CalendarEvent';
import { addDaysLocal } from '../../shared/time/addDaysLocal';
import { localToEpoch } from '../../shared/time/localToEpoch';

/** A meeting's time in the viewer's zone, e.g. "Mon, 4 May 2026, 10:00 – 11:00"; all-day meetings by date. */
export function describeMeetingTime(when: EventWhen, displayZone: string, locale: string): string {
  try {
    return describe(when, displayZone, locale);
  } catch {
    // The relay passes on what the organiser's device wrote; a value no zone can read is shown as written.
    return `${when.start} – ${when.end}${when.tzid ? ` (${when.tzid})` : ''}`;
  }
}

function describe(when: EventWhen, displayZone: string, locale: string): string {
  if (when.allDay) {
    const last = addDaysLocal(when.end, -1);
    const fmt = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    return last <= when.start ? `${fmt(when.start)} (all day)` : `${fmt(when.start)} – ${fmt(last)} (all day)`;
  }
  const start = new Date(localToEpoch(when.start, when.tzid, displayZone));
  const end = new Date(localToEpoch(when.end, when.tzid, displayZone));
  const day = (d: Date) => d.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: displayZone });
  const time = (d: Date) => d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: displayZone });
  const repeats = when.rrule ? ' (repeats)' : '';
  return day(start) === day(end) ? `${day(start)}, ${time(start)} – ${time(end)}${repeats}` : `${day(start)}, ${time(start)} – ${day(end)}, ${time(end)}${repeats}`;
}
