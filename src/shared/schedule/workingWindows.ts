import { DateTime } from 'luxon';
import { clockMinutes, type WorkingHours } from './WorkingHours';
import { mergeSpans, type Span } from './intervalSet';

/**
 * A person's working hours as instants over [fromMs, toMs): each local date in
 * their zone whose weekday has hours gives one window, placed with luxon so it
 * follows that zone's own DST dates (09:00 in Berlin is 08:00 UTC in winter and
 * 07:00 in summer, whatever the organiser's zone does). A start inside a DST gap
 * moves forward by the gap, like any wall time.
 */
export function workingWindows(hours: WorkingHours, zone: string, fromMs: number, toMs: number): Span[] {
  if (hours.length === 0 || toMs <= fromMs) return [];
  const byDay = new Map(hours.map((h) => [h.day, h]));
  const out: Span[] = [];
  // One local date either side: the window of a date can start before fromMs's date in this zone.
  let date = DateTime.fromMillis(fromMs, { zone }).startOf('day').minus({ days: 1 });
  if (!date.isValid) throw new RangeError(`Unknown time zone "${zone}"`);
  const last = DateTime.fromMillis(toMs, { zone }).startOf('day').plus({ days: 1 });
  while (date <= last) {
    const h = byDay.get(date.weekday);
    if (h) {
      const s = at(date, clockMinutes(h.start));
      const e = at(date, clockMinutes(h.end));
      const cs = Math.max(s, fromMs);
      const ce = Math.min(e, toMs);
      if (cs < ce) out.push([cs, ce]);
    }
    date = date.plus({ days: 1 });
  }
  return mergeSpans(out);
}

function at(date: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return date.plus({ days: 1 }).toMillis();
  return date.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}
