import { DateTime } from 'luxon';
import type { CalendarEvent } from '../../shared/model/CalendarEvent';

/** When an event happens, in the display zone, for the list of refused edits. */
export function describeWhen(event: CalendarEvent, displayZone: string, locale: string): string {
  const { start, end, allDay, tzid, rrule } = event.when;
  const repeats = rrule ? ' (repeats)' : '';
  if (allDay) {
    const s = DateTime.fromISO(start, { locale });
    const last = DateTime.fromISO(end, { locale }).minus({ days: 1 });
    if (!s.isValid) return start;
    const day = s.toLocaleString(DateTime.DATE_MED_WITH_WEEKDAY);
    return (last.isValid && last > s ? `${day} – ${last.toLocaleString(DateTime.DATE_MED_WITH_WEEKDAY)}` : day) + `, all day${repeats}`;
  }
  const zone = tzid ?? displayZone;
  const s = DateTime.fromISO(start, { zone }).setZone(displayZone).setLocale(locale);
  const e = DateTime.fromISO(end, { zone }).setZone(displayZone).setLocale(locale);
  if (!s.isValid) return start;
  const sameDay = e.isValid && e.hasSame(s, 'day');
  const endText = !e.isValid ? '' : sameDay ? e.toLocaleString(DateTime.TIME_SIMPLE) : e.toLocaleString(DateTime.DATETIME_MED);
  return `${s.toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY)}${endText ? ` – ${endText}` : ''}${repeats}`;
}
