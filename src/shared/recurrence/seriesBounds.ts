import type { EventWhen } from '../model/CalendarEvent';
import { MS_PER_DAY } from '../time/daysFromCivil';
import { parseLocal, wallOfLocal, wallOfParts } from '../time/parseLocal';
import { wallToEpoch } from '../time/wallToEpoch';
import { firstRuleWall, forEachRuleStart, planSeries, type SeriesPlan } from './planSeries';

export interface SeriesBounds {
  firstStartMs: number;
  /** Infinity for a series without end. */
  lastEndMs: number;
}

const YEAR = 366 * MS_PER_DAY;

function toWall(local: string, dateOnly: boolean): number {
  const wall = wallOfLocal(local);
  return dateOnly ? Math.floor(wall / MS_PER_DAY) * MS_PER_DAY : wall;
}

/** Latest rule occurrence not excluded, searching back from the plan's end in growing windows. */
function lastRuleWall(plan: SeriesPlan, exdates: ReadonlySet<number>): number {
  let span = YEAR;
  for (let hi = plan.lastWall; hi >= plan.startWall; hi -= span, span *= 2) {
    let found = Number.NEGATIVE_INFINITY;
    forEachRuleStart(plan, Math.max(plan.startWall, hi - span), hi, (w) => {
      if (!exdates.has(w)) found = w;
      return true;
    });
    if (found !== Number.NEGATIVE_INFINITY) return found;
  }
  return Number.NEGATIVE_INFINITY;
}

/**
 * First start and last end of a series (of a single event: its own times), for
 * deciding which series can touch a window without expanding them. Exact for
 * the series as stored; overrides that move an occurrence are not seen here, so
 * an index must widen by its overrides. An empty series (everything excluded)
 * gives { firstStartMs: Infinity, lastEndMs: -Infinity }. COUNT is resolved by
 * iteration, capped at MAX_COUNT occurrences.
 *
 * @throws RecurrenceRuleError for an unreadable rule; RangeError for malformed times or an unknown zone
 */
export function seriesBounds(when: EventWhen, floatingZone: string): SeriesBounds {
  const zone = when.allDay ? floatingZone : (when.tzid ?? floatingZone);
  const start = parseLocal(when.start);
  const end = parseLocal(when.end);
  if (start === null || end === null) throw new RangeError(`Not a local date or date-time: "${start === null ? when.start : when.end}"`);
  const dateOnly = when.allDay || start.dateOnly;
  const midnight = { hour: 0, minute: 0, second: 0 };
  const startWall = dateOnly ? wallOfParts({ ...start, ...midnight }) : wallOfParts(start);
  const days = Math.max(1, Math.round((wallOfParts({ ...end, ...midnight }) - wallOfParts({ ...start, ...midnight })) / MS_PER_DAY));
  const durationMs = dateOnly ? 0 : Math.max(0, wallToEpoch(wallOfParts(end), zone) - wallToEpoch(startWall, zone));
  const endOf = (wall: number): number => (dateOnly ? wallToEpoch(wall + days * MS_PER_DAY, zone) : wallToEpoch(wall, zone) + durationMs);

  if (!when.rrule && when.rdates.length === 0) return { firstStartMs: wallToEpoch(startWall, zone), lastEndMs: endOf(startWall) };

  const plan = planSeries(when.start, when.allDay, when.rrule || 'FREQ=DAILY;COUNT=1', zone);
  const exdates = new Set(when.exdates.map((d) => toWall(d, dateOnly)));
  const extra = [plan.startWall, ...when.rdates.map((d) => toWall(d, dateOnly))].filter((w) => !Number.isNaN(w) && !exdates.has(w));

  let first = Math.min(Number.POSITIVE_INFINITY, ...extra);
  forEachRuleStart(plan, plan.startWall, first, (w) => {
    if (exdates.has(w)) return true;
    first = Math.min(first, w);
    return false;
  });
  if (first === Number.POSITIVE_INFINITY) return { firstStartMs: Number.POSITIVE_INFINITY, lastEndMs: Number.NEGATIVE_INFINITY };

  const lastExtra = Math.max(Number.NEGATIVE_INFINITY, ...extra);
  if (plan.lastWall === Number.POSITIVE_INFINITY && firstRuleWall(plan) !== null) {
    return { firstStartMs: wallToEpoch(first, zone), lastEndMs: Number.POSITIVE_INFINITY };
  }
  const last = Math.max(lastExtra, plan.lastWall === Number.POSITIVE_INFINITY ? Number.NEGATIVE_INFINITY : lastRuleWall(plan, exdates));
  return { firstStartMs: wallToEpoch(first, zone), lastEndMs: endOf(last) };
}
