import type { EventWhen } from '../model/CalendarEvent';
import { MS_PER_DAY } from '../time/daysFromCivil';
import { formatWall } from '../time/formatLocal';
import { parseLocal, wallOfLocal, wallOfParts } from '../time/parseLocal';
import { epochToWall, wallToEpoch } from '../time/wallToEpoch';
import type { OccurrenceInstance } from './OccurrenceInstance';
import { forEachRuleStart, planSeries, type SeriesPlan } from './planSeries';

export interface ExpandRange {
  fromMs: number;
  toMs: number;
}

/** Most instances one call returns: bounds work for a rule such as FREQ=MINUTELY over years. */
export const MAX_INSTANCES = 100_000;
/** Widest gap between a wall time read as UTC and its instant: offsets span -12 h to +14 h, plus a DST gap. */
const ZONE_SLACK = 27 * 3_600_000;

/** How one occurrence's times are derived from its start. */
interface Shape {
  dateOnly: boolean;
  zone: string;
  /** Timed: exact length in ms (RFC 5545: DTEND gives every instance the same exact duration). */
  durationMs: number;
  /** All-day: length in calendar days. */
  days: number;
}

function zoneOf(when: EventWhen, floatingZone: string): string {
  // All-day dates belong to whoever looks at them, like floating times.
  return when.allDay ? floatingZone : (when.tzid ?? floatingZone);
}

function shapeOf(when: EventWhen, floatingZone: string): Shape {
  const zone = zoneOf(when, floatingZone);
  const start = parseLocal(when.start);
  const end = parseLocal(when.end);
  if (start === null) throw new RangeError(`Not a local date or date-time: "${when.start}"`);
  if (end === null) throw new RangeError(`Not a local date or date-time: "${when.end}"`);
  const dateOnly = when.allDay || start.dateOnly;
  if (dateOnly) {
    const days = Math.round((wallOfParts({ ...end, hour: 0, minute: 0, second: 0 }) - wallOfParts({ ...start, hour: 0, minute: 0, second: 0 })) / MS_PER_DAY);
    // An all-day end on (or before) its start is read as a one-day event rather than dropped.
    return { dateOnly, zone, durationMs: 0, days: Math.max(1, days) };
  }
  const durationMs = wallToEpoch(wallOfParts(end), zone) - wallToEpoch(wallOfParts(start), zone);
  return { dateOnly, zone, durationMs: Math.max(0, durationMs), days: 0 };
}

/** The occurrence starting at `wall`, or null when it misses the range (strings are only built for hits). */
function instanceAt(wall: number, shape: Shape, range: ExpandRange, recurrenceId: string | null, overridden: boolean): OccurrenceInstance | null {
  const startMs = wallToEpoch(wall, shape.zone);
  if (startMs >= range.toMs) return null;
  if (shape.dateOnly) {
    const endWall = wall + shape.days * MS_PER_DAY;
    const endMs = wallToEpoch(endWall, shape.zone);
    if (endMs <= range.fromMs) return null;
    const start = formatWall(wall, true);
    return { recurrenceId: recurrenceId ?? start, start, end: formatWall(endWall, true), startMs, endMs, overridden };
  }
  const endMs = startMs + shape.durationMs;
  if (endMs <= range.fromMs) return null;
  // The id keeps the nominal wall time; the start shows the real one, which differs
  // only when the nominal time falls in a DST gap (02:30 -> 03:30).
  const start = formatWall(epochToWall(startMs, shape.zone), false);
  return { recurrenceId: recurrenceId ?? formatWall(wall, false), start, end: formatWall(epochToWall(endMs, shape.zone), false), startMs, endMs, overridden };
}

/** The occurrence an override describes (its own times, zone and all-day flag), if it meets the range. */
function overrideInstance(key: string, when: EventWhen, range: ExpandRange, floatingZone: string): OccurrenceInstance | null {
  try {
    const shape = shapeOf(when, floatingZone);
    return instanceAt(startWallOf(when, shape), shape, range, key, true);
  } catch {
    // A damaged override must not hide the rest of the series.
    return null;
  }
}

function keyWall(local: string, plan: SeriesPlan): number {
  const wall = wallOfLocal(local);
  return plan.dateOnly ? Math.floor(wall / MS_PER_DAY) * MS_PER_DAY : wall;
}

/** Whether `wall` is a member of the series (DTSTART, the rule or an RDATE), ignoring EXDATE. */
function isMember(wall: number, plan: SeriesPlan, rdates: ReadonlySet<number>): boolean {
  if (wall === plan.startWall || rdates.has(wall)) return true;
  let found = false;
  forEachRuleStart(plan, wall, wall, (w) => {
    found = w === wall;
    return false;
  });
  return found;
}

/**
 * The occurrences of an event that overlap [range.fromMs, range.toMs), sorted by start.
 *
 * A non-recurring event (no rrule, no rdates) yields itself. A series is DTSTART
 * (always its first member, RFC 5545 3.8.5.3), the rule's occurrences, and
 * `rdates`, less `exdates`; each member is then replaced by its override, if any,
 * which may move it into or out of the range. Wall times are expanded in the
 * event's zone and only then made instants, so 10:00 stays 10:00 across DST;
 * floating and all-day times are placed in `floatingZone`. Overrides whose
 * recurrence id is not (or no longer) a member are ignored.
 *
 * Bounded work: open-ended rules stop at the range, impossible rules stop
 * after a bounded search, and no call returns more than MAX_INSTANCES.
 *
 * @throws RecurrenceRuleError for an unreadable rule; RangeError for malformed times or an unknown zone
 */
export function expandSeries(
  when: EventWhen,
  overrides: ReadonlyMap<string, EventWhen>,
  range: ExpandRange,
  floatingZone: string,
): OccurrenceInstance[] {
  const shape = shapeOf(when, floatingZone);
  if (!when.rrule && when.rdates.length === 0) {
    const single = instanceAt(startWallOf(when, shape), shape, range, null, false);
    if (single) single.recurrenceId = null;
    return single ? [single] : [];
  }
  const plan = planSeries(when.start, when.allDay, when.rrule || 'FREQ=DAILY;COUNT=1', shape.zone);
  const exdates = new Set(when.exdates.map((d) => keyWall(d, plan)));
  const rdates = new Set(when.rdates.map((d) => keyWall(d, plan)).filter((w) => !Number.isNaN(w)));
  const byWall = new Map<number, [string, EventWhen]>();
  for (const [key, ow] of overrides) {
    const wall = keyWall(key, plan);
    if (!Number.isNaN(wall)) byWall.set(wall, [key, ow]);
  }

  // Wall times whose instant could overlap the range, whatever the zone's offset.
  const fromWall = range.fromMs - (shape.dateOnly ? shape.days * MS_PER_DAY : shape.durationMs) - ZONE_SLACK;
  const toWall = range.toMs + ZONE_SLACK;
  const out: OccurrenceInstance[] = [];
  /** Members with an override, met while expanding the window. */
  const overridden = new Set<number>();
  const emit = (wall: number): void => {
    if (exdates.size !== 0 && exdates.has(wall)) return;
    if (byWall.size !== 0 && byWall.has(wall)) {
      overridden.add(wall);
      return;
    }
    const inst = instanceAt(wall, shape, range, null, false);
    if (inst) out.push(inst);
  };
  // DTSTART and RDATEs not also produced by the rule are emitted after it.
  const extras = new Set<number>();
  if (plan.startWall >= fromWall && plan.startWall <= toWall) extras.add(plan.startWall);
  for (const w of rdates) if (w >= fromWall && w <= toWall) extras.add(w);
  forEachRuleStart(plan, fromWall, toWall, (wall) => {
    if (extras.size !== 0) extras.delete(wall);
    emit(wall);
    return out.length < MAX_INSTANCES;
  });
  for (const w of extras) emit(w);

  for (const [wall, [key, ow]] of byWall) {
    if (exdates.has(wall)) continue;
    const member = wall >= fromWall && wall <= toWall ? overridden.has(wall) : isMember(wall, plan, rdates);
    if (!member) continue;
    const inst = overrideInstance(key, ow, range, floatingZone);
    if (inst) out.push(inst);
  }
  out.sort((a, b) => a.startMs - b.startMs || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return out;
}

function startWallOf(when: EventWhen, shape: Shape): number {
  const p = parseLocal(when.start) as NonNullable<ReturnType<typeof parseLocal>>;
  return shape.dateOnly ? wallOfParts({ ...p, hour: 0, minute: 0, second: 0 }) : wallOfParts(p);
}
