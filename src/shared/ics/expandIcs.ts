import type { CalendarEvent, EventWhen } from '../model/CalendarEvent';
import { expandSeries, type ExpandRange } from '../recurrence/expandSeries';

/** One occurrence of an imported event, for listings (the CLI's `expand`). */
export interface IcsOccurrence {
  uid: string;
  /** Original start of this occurrence in its series, or null for a single event. */
  recurrenceId: string | null;
  title: string;
  /** Local forms in `tzid` (or dates for all-day). */
  start: string;
  end: string;
  tzid: string | null;
  allDay: boolean;
  startUtc: string;
  endUtc: string;
  startMs: number;
  endMs: number;
  overridden: boolean;
}

/**
 * The occurrences of parsed events that overlap [fromMs, toMs), sorted by start:
 * each series with its changed occurrences (expandSeries), floating and all-day
 * times placed in `floatingZone`. An event whose times cannot be expanded is left out.
 */
export function expandIcs(events: readonly CalendarEvent[], range: ExpandRange, floatingZone = 'UTC'): IcsOccurrence[] {
  const masters = new Map<string, CalendarEvent>();
  const overrides = new Map<string, CalendarEvent[]>();
  for (const e of events) {
    if (e.recurrenceId === null) masters.set(e.uid, e);
    else overrides.set(e.uid, [...(overrides.get(e.uid) ?? []), e]);
  }
  const out: IcsOccurrence[] = [];
  const push = (master: CalendarEvent, list: readonly CalendarEvent[], single: boolean): void => {
    const byId = new Map<string, EventWhen>(list.map((o) => [o.recurrenceId as string, o.when]));
    const byKey = new Map(list.map((o) => [o.recurrenceId as string, o]));
    let instances;
    try {
      instances = expandSeries(master.when, single ? new Map() : byId, range, floatingZone);
    } catch {
      return;
    }
    for (const i of instances) {
      const source = i.overridden ? (byKey.get(i.recurrenceId as string) ?? master) : master;
      out.push({
        uid: master.uid,
        recurrenceId: single ? master.recurrenceId : i.recurrenceId,
        title: source.what.title,
        start: i.start,
        end: i.end,
        tzid: source.when.allDay ? null : source.when.tzid,
        allDay: source.when.allDay,
        startUtc: new Date(i.startMs).toISOString(),
        endUtc: new Date(i.endMs).toISOString(),
        startMs: i.startMs,
        endMs: i.endMs,
        overridden: i.overridden,
      });
    }
  };
  for (const [uid, m] of masters) push(m, overrides.get(uid) ?? [], false);
  // Changed occurrences without their series in the list stand alone.
  for (const [uid, list] of overrides) if (!masters.has(uid)) for (const o of list) push({ ...o, when: { ...o.when, rrule: null, rdates: [] } }, [], true);
  out.sort((a, b) => a.startMs - b.startMs || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  return out;
}
