import { eventKey, type CalendarEvent, type EventWhen } from '../../shared/model/CalendarEvent';
import type { EventGroups } from '../../shared/model/eventDocument';
import { expandSeries } from '../../shared/recurrence/expandSeries';
import { localToEpoch } from '../../shared/time/localToEpoch';
import type { EditScope, EventInput } from './CalendarStore';
import { normaliseWallClock, shiftWallClock, toIcalForm, wallClockMinutes, wallClockWeekday } from './wallClock';

/** Key -> new groups, or null to delete the entry. Applied in one Yjs transaction. */
export type EditPlan = Map<string, Partial<EventGroups> | null>;

export interface SeriesState {
  master: CalendarEvent;
  /** Changed occurrences keyed by recurrence id. */
  overrides: ReadonlyMap<string, CalendarEvent>;
}

const groupsOf = (input: EventInput): EventGroups => ({
  when: input.when,
  what: input.what,
  who: input.who ?? { organizer: null, attendees: [] },
  rem: input.reminders,
});

const isSeries = (when: EventWhen) => when.rrule !== null || when.rdates.length > 0;

/** What to write for an edit of an event, an occurrence, or part of a series. */
export function planUpdate(state: SeriesState, recurrenceId: string | null, input: EventInput, scope: EditScope, newUid: () => string): EditPlan {
  const { master, overrides } = state;
  const plan: EditPlan = new Map();
  const uid = master.uid;
  if (!isSeries(master.when) || recurrenceId === null) {
    plan.set(uid, groupsOf(input));
    return plan;
  }
  const rid = normaliseWallClock(recurrenceId);
  if (scope === 'this') {
    plan.set(eventKey(uid, rid), groupsOf({ ...input, when: { ...input.when, rrule: null, exdates: [], rdates: [] } }));
    return plan;
  }
  // Moving one occurrence by some minutes moves the series (or its tail) by the
  // same. Measured from where the occurrence is now: one already moved on its own
  // must not drag the series by that earlier move too.
  const current = normaliseWallClock(overrides.get(rid)?.when.start ?? rid);
  const delta = wallClockMinutes(current, normaliseWallClock(input.when.start));
  const duration = wallClockMinutes(input.when.start, input.when.end);
  const shifted = (s: string) => (delta === 0 ? s : shiftWallClock(s, delta));
  // Changed occurrences move with the series, keeping their own offsets from it.
  const shiftedWhen = (w: EventWhen): EventWhen => ({ ...w, start: shifted(normaliseWallClock(w.start)), end: shifted(normaliseWallClock(w.end)) });
  const rrule = input.when.rrule === master.when.rrule ? shiftByDay(master.when.rrule, master.when.start, delta) : input.when.rrule;

  if (scope === 'series' || rid === normaliseWallClock(master.when.start)) {
    const start = shifted(normaliseWallClock(master.when.start));
    plan.set(uid, {
      ...groupsOf(input),
      when: { ...input.when, start, end: shiftWallClock(start, duration), rrule, exdates: master.when.exdates.map(shifted), rdates: master.when.rdates.map(shifted) },
    });
    if (delta !== 0) {
      // Changed occurrences are keyed by their original start; re-key them so they still match.
      for (const [orid, ov] of overrides) {
        plan.set(eventKey(uid, orid), null);
        plan.set(eventKey(uid, shifted(orid)), { when: shiftedWhen(ov.when), what: ov.what, who: ov.who, rem: ov.reminders });
      }
    }
    return plan;
  }

  // "This and following": end the series before this occurrence, start a new one here.
  const tailUid = newUid();
  const { head, remaining } = endSeriesBefore(master, rid);
  plan.set(uid, { when: head });
  const tailRule = remaining !== null && rrule ? setRuleEnd(rrule, { count: remaining }) : rrule;
  const start = shifted(rid);
  plan.set(tailUid, {
    ...groupsOf(input),
    when: {
      ...input.when,
      start,
      end: shiftWallClock(start, duration),
      rrule: tailRule,
      exdates: master.when.exdates.filter((d) => d >= rid).map(shifted),
      rdates: master.when.rdates.filter((d) => d >= rid).map(shifted),
    },
  });
  for (const [orid, ov] of overrides) {
    if (orid < rid) continue;
    plan.set(eventKey(uid, orid), null);
    plan.set(eventKey(tailUid, shifted(orid)), { when: shiftedWhen(ov.when), what: ov.what, who: ov.who, rem: ov.reminders });
  }
  return plan;
}

export function planDelete(state: SeriesState, recurrenceId: string | null, scope: EditScope): EditPlan {
  const { master, overrides } = state;
  const plan: EditPlan = new Map();
  const uid = master.uid;
  const deleteAll = () => {
    plan.set(uid, null);
    for (const orid of overrides.keys()) plan.set(eventKey(uid, orid), null);
    return plan;
  };
  if (!isSeries(master.when) || recurrenceId === null || scope === 'series') return deleteAll();
  const rid = normaliseWallClock(recurrenceId);
  if (scope === 'this') {
    const exdates = master.when.exdates.map(normaliseWallClock);
    if (!exdates.includes(rid)) exdates.push(rid);
    plan.set(uid, { when: { ...master.when, exdates } });
    if (overrides.has(rid)) plan.set(eventKey(uid, rid), null);
    return plan;
  }
  if (rid <= normaliseWallClock(master.when.start)) return deleteAll();
  plan.set(uid, { when: endSeriesBefore(master, rid).head });
  for (const orid of overrides.keys()) if (orid >= rid) plan.set(eventKey(uid, orid), null);
  return plan;
}

/**
 * The series' when, ended just before the occurrence `rid`, and how many of a
 * COUNT-limited rule's occurrences are left for a new series starting there.
 */
function endSeriesBefore(master: CalendarEvent, rid: string): { head: EventWhen; remaining: number | null } {
  const when = master.when;
  const parts = ruleParts(when.rrule ?? '');
  let remaining: number | null = null;
  const countPart = parts.get('COUNT');
  if (countPart) {
    // COUNT counts occurrences before EXDATE removes any, so count without exdates.
    const ridMs = localToEpoch(rid, when.tzid, 'UTC');
    const before = expandSeries({ ...when, exdates: [], rdates: [] }, new Map(), { fromMs: Number.MIN_SAFE_INTEGER, toMs: ridMs }, 'UTC').filter((o) => o.startMs < ridMs).length;
    remaining = Math.max(1, Number(countPart) - before);
  }
  const until = when.allDay
    ? toIcalForm(shiftWallClock(rid, -24 * 60))
    : when.tzid === null
      ? toIcalForm(shiftWallClock(rid, -1 / 60))
      : utcIcal(localToEpoch(rid, when.tzid, 'UTC') - 1000);
  const rrule = when.rrule ? setRuleEnd(when.rrule, { until }) : null;
  return {
    head: { ...when, rrule, exdates: when.exdates.filter((d) => d < rid), rdates: when.rdates.filter((d) => d < rid) },
    remaining,
  };
}

function utcIcal(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function ruleParts(rrule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of rrule.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).toUpperCase(), part.slice(eq + 1));
  }
  return parts;
}

function formatParts(parts: Map<string, string>): string {
  return [...parts].map(([k, v]) => `${k}=${v}`).join(';');
}

export function setRuleEnd(rrule: string, end: { until?: string; count?: number }): string {
  const parts = ruleParts(rrule);
  parts.delete('UNTIL');
  parts.delete('COUNT');
  if (end.until) parts.set('UNTIL', end.until);
  if (end.count !== undefined) parts.set('COUNT', String(end.count));
  return formatParts(parts);
}

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * Dragging a Monday occurrence of a weekly Monday series to Tuesday for the whole
 * series must make it a Tuesday series, not a series whose start is not among its
 * own days. Plain weekday BYDAY values shift; nth-weekday forms are left as they are.
 */
function shiftByDay(rrule: string | null, start: string, deltaMinutes: number): string | null {
  if (!rrule || deltaMinutes === 0) return rrule;
  const parts = ruleParts(rrule);
  const byDay = parts.get('BYDAY');
  if (!byDay || parts.get('FREQ') !== 'WEEKLY') return rrule;
  const before = wallClockWeekday(normaliseWallClock(start));
  const after = wallClockWeekday(shiftWallClock(normaliseWallClock(start), deltaMinutes));
  const dayShift = (after - before + 7) % 7;
  if (dayShift === 0) return rrule;
  const shiftedDays = byDay.split(',').map((d) => {
    const i = DAYS.indexOf(d);
    return i < 0 ? d : DAYS[(i + dayShift) % 7]!;
  });
  parts.set('BYDAY', shiftedDays.join(','));
  return formatParts(parts);
}
