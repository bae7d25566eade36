import type { CalendarEvent, EventWhen } from '../model/CalendarEvent';
import { expandSeries, type ExpandRange } from '../recurrence/expandSeries';
import { busyKindOf, type BusyInterval } from './BusyInterval';

/**
 * The times a set of events (one person's calendars) blocks within a range,
 * sorted by start. Series are expanded with their changed occurrences, each
 * occurrence counting by its own show-as; all-day events block their whole
 * days in `floatingZone` (the zone of the person whose calendar it is: an
 * all-day "Out of office" in Shanghai is that person's Shanghai day). An event
 * that cannot be expanded is skipped rather than failing the whole search.
 */
export function busyIntervals(events: readonly CalendarEvent[], range: ExpandRange, floatingZone: string): BusyInterval[] {
  const masters: CalendarEvent[] = [];
  const overridesOf = new Map<string, Map<string, CalendarEvent>>();
  for (const ev of events) {
    if (ev.recurrenceId === null) masters.push(ev);
    else {
      let m = overridesOf.get(ev.uid);
      if (!m) overridesOf.set(ev.uid, (m = new Map()));
      m.set(ev.recurrenceId, ev);
    }
  }
  const out: BusyInterval[] = [];
  for (const master of masters) {
    const overrides = overridesOf.get(master.uid);
    const whens = new Map<string, EventWhen>();
    if (overrides) for (const [rid, ov] of overrides) whens.set(rid, ov.when);
    let instances;
    try {
      instances = expandSeries(master.when, whens, range, floatingZone);
    } catch {
      continue;
    }
    const masterKind = busyKindOf(master.what.showAs);
    for (const inst of instances) {
      const ov = inst.overridden && inst.recurrenceId !== null ? overrides?.get(inst.recurrenceId) : undefined;
      const kind = ov ? busyKindOf(ov.what.showAs) : masterKind;
      if (kind !== null && inst.endMs > inst.startMs) out.push({ startMs: inst.startMs, endMs: inst.endMs, kind });
    }
  }
  out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  return out;
}
