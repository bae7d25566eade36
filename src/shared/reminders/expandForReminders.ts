import type { CalendarEvent, EventWhen } from '../model/CalendarEvent';
import { eventKey } from '../model/CalendarEvent';
import { expandSeries } from '../recurrence/expandSeries';
import { localToEpoch } from '../time/localToEpoch';
import { wallOfLocal } from '../time/parseLocal';
import type { ReminderOccurrence } from './ReminderOccurrence';
import { personalReminderKey } from './ReminderState';

/** One stored item: a single event, or a series master with its changed occurrences (keyed by recurrence id). */
export interface ReminderSource {
  calendarId: string;
  master: CalendarEvent;
  overrides: ReadonlyMap<string, CalendarEvent>;
}

/** Floating and all-day times sit anywhere from UTC-12 to UTC+14 of the wall time read as UTC. */
const ZONE_SLACK_MS = 27 * 3_600_000;

/**
 * Occurrences that can have a reminder firing in [sinceMs, untilMs]: for each
 * item only the window its own longest reminder needs (start in
 * [since, until + lead]), and items with no reminder that applies to the person
 * are never expanded at all. This is what makes the next 24 hours of 50,000
 * events cheap: most items are rejected on one comparison or one map lookup.
 */
export function expandForReminders(
  sources: Iterable<ReminderSource>,
  opts: { sinceMs: number; untilMs: number; zone: string; ownCalendars: ReadonlySet<string>; personal: ReadonlyMap<string, readonly number[]> },
): ReminderOccurrence[] {
  const out: ReminderOccurrence[] = [];
  for (const src of sources) {
    const { master } = src;
    const own = opts.ownCalendars.has(src.calendarId);
    const lead = leadMinutes(src, own, opts.personal);
    if (lead < 0) continue;
    const fromMs = opts.sinceMs;
    const toMs = opts.untilMs + lead * 60_000 + 1;
    const series = master.when.rrule !== null || master.when.rdates.length > 0;
    if (!series) {
      // The wall time read as UTC is within a zone's offset of the instant: most
      // items are rejected on that alone, before any zone arithmetic.
      const wallMs = wallOfLocal(master.when.start);
      if (!Number.isFinite(wallMs) || wallMs + ZONE_SLACK_MS < fromMs || wallMs - ZONE_SLACK_MS >= toMs) continue;
      let startMs: number;
      try {
        startMs = master.when.allDay || master.when.tzid === null ? wallMs : localToEpoch(master.when.start, master.when.tzid, 'UTC');
      } catch {
        continue;
      }
      out.push(toOccurrence(src.calendarId, master, master.uid, null, master.when, startMs));
      continue;
    }
    // A series that has not begun by the window's end has nothing in it (changed occurrences included, unless moved earlier).
    if (src.overrides.size === 0 && wallOfLocal(master.when.start) - ZONE_SLACK_MS >= toMs && master.when.rdates.length === 0) continue;
    const overrideWhens = new Map<string, EventWhen>();
    for (const [rid, ev] of src.overrides) overrideWhens.set(rid, ev.when);
    let instances;
    try {
      instances = expandSeries(master.when, overrideWhens, { fromMs: fromMs - ZONE_SLACK_MS, toMs: toMs + ZONE_SLACK_MS }, opts.zone);
    } catch {
      continue;
    }
    for (const inst of instances) {
      if (inst.startMs < fromMs - ZONE_SLACK_MS || inst.startMs >= toMs + ZONE_SLACK_MS) continue;
      const override = inst.recurrenceId !== null ? src.overrides.get(inst.recurrenceId) : undefined;
      const ev = override ?? master;
      out.push(toOccurrence(src.calendarId, ev, master.uid, inst.recurrenceId, { ...ev.when, start: inst.start }, inst.startMs));
    }
  }
  return out;
}

/** Longest reminder that can apply to any occurrence of the item, in minutes; -1 when none does. */
function leadMinutes(src: ReminderSource, own: boolean, personal: ReadonlyMap<string, readonly number[]>): number {
  let lead = -1;
  const consider = (list: readonly number[] | undefined) => {
    if (list) for (const m of list) if (m > lead) lead = m;
  };
  if (own) {
    consider(src.master.reminders);
    for (const ev of src.overrides.values()) consider(ev.reminders);
    return lead;
  }
  if (personal.size === 0) return -1;
  consider(personal.get(personalReminderKey(src.calendarId, src.master.uid)));
  for (const ev of src.overrides.values()) consider(personal.get(personalReminderKey(src.calendarId, eventKey(ev.uid, ev.recurrenceId))));
  return lead;
}

function toOccurrence(calendarId: string, ev: CalendarEvent, uid: string, recurrenceId: string | null, when: EventWhen, startMs: number): ReminderOccurrence {
  return {
    calendarId,
    key: ev.recurrenceId === null ? uid : eventKey(uid, ev.recurrenceId),
    uid,
    recurrenceId,
    start: when.start,
    tzid: when.tzid,
    allDay: when.allDay,
    startMs,
    title: ev.what.title,
    location: ev.what.location,
    reminders: ev.reminders,
  };
}
