import { MS_PER_DAY } from '../time/daysFromCivil';
import { isValidZone } from '../time/isValidZone';
import { parseLocal, wallOfLocal, wallOfParts } from '../time/parseLocal';
import { epochToWall } from '../time/wallToEpoch';
import { iterateFastRule, toFastRule, type FastRule } from './iterateFastRule';
import { iterateIcalRule, toIcalRecur, type IcalRulePlan } from './iterateIcalRule';
import { parseRRule } from './parseRRule';
import type { RecurrenceRule } from './RecurrenceRule';
import { RecurrenceRuleError } from './RecurrenceRuleError';

/** COUNT above this is cut here: 100,000 occurrences is 270 years of a daily rule. */
export const MAX_COUNT = 100_000;
/** How far a scan with no natural end (COUNT, "first occurrence") may look ahead. */
const SCAN_YEARS_MS = 1000 * 366 * MS_PER_DAY;

/** A series start + rule, read once and reused for every window it is expanded over. */
export interface SeriesPlan {
  dateOnly: boolean;
  /** Zone the wall times are read in: the event's zone, or the floating zone. */
  zone: string;
  startWall: number;
  rule: RecurrenceRule;
  fast: FastRule | null;
  ical: IcalRulePlan | null;
  /** Last wall time the rule may produce (UNTIL, or the COUNT-th member); Infinity if open-ended. */
  lastWall: number;
  /** True when BYMONTH/BYMONTHDAY name no real date, such as 30 February. */
  impossible: boolean;
  /** Why ical.js refused the rule, if it did (the rule then produces nothing). */
  refused: string | null;
  /** Memo of firstRuleWall: undefined until asked, null when the rule produces nothing. */
  firstRule?: number | null;
}

function namesNoRealDate(rule: RecurrenceRule): boolean {
  if (rule.byMonthDay.length === 0) return false;
  const months = rule.byMonth.length ? rule.byMonth : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return !months.some((m) => rule.byMonthDay.some((md) => Math.abs(md) <= (longest[m - 1] as number)));
}

function untilToWall(until: string, dateOnly: boolean, zone: string): number {
  if (until.endsWith('Z')) {
    const utc = wallOfLocal(until.slice(0, -1));
    const wall = epochToWall(utc, zone);
    return dateOnly ? Math.floor(wall / MS_PER_DAY) * MS_PER_DAY : wall;
  }
  const wall = wallOfLocal(until);
  // A date UNTIL on a timed series (common, though RFC 5545 wants a date-time)
  // means "up to and including that day".
  if (until.length === 10) return dateOnly ? wall : wall + MS_PER_DAY - 1000;
  return dateOnly ? Math.floor(wall / MS_PER_DAY) * MS_PER_DAY : wall;
}

/**
 * Calls `visit` with each wall time the rule itself produces (DTSTART is not
 * added here) from `fromWall` to `toWall`, ascending, within the plan's end.
 * `visit` returns false to stop.
 */
export function forEachRuleStart(plan: SeriesPlan, fromWall: number, toWall: number, visit: (wall: number) => boolean): void {
  if (plan.impossible || plan.refused !== null) return;
  const to = Math.min(toWall, plan.lastWall, plan.startWall + SCAN_YEARS_MS);
  const from = Math.max(fromWall, plan.startWall);
  if (!(from <= to)) return;
  if (plan.fast) {
    const tod = plan.startWall - plan.fast.startDay * MS_PER_DAY;
    iterateFastRule(plan.fast, Math.ceil((from - tod) / MS_PER_DAY), Math.floor((to - tod) / MS_PER_DAY), (day) => visit(day * MS_PER_DAY + tod));
  } else if (plan.ical) {
    iterateIcalRule(plan.ical, from, to, visit);
  }
}

/** The first wall time the rule itself produces (DTSTART aside), or null if none: memoised. */
export function firstRuleWall(plan: SeriesPlan): number | null {
  if (plan.firstRule === undefined) {
    let first: number | null = null;
    forEachRuleStart(plan, plan.startWall, Number.POSITIVE_INFINITY, (wall) => {
      first = wall;
      return false;
    });
    plan.firstRule = first;
  }
  return plan.firstRule;
}

/** Wall time of the COUNT-th member of the series, DTSTART being the first (RFC 5545 3.3.10). */
function countEnd(plan: SeriesPlan, count: number): number {
  let members = 1;
  let last = plan.startWall;
  const target = Math.min(count, MAX_COUNT);
  if (target <= 1) return last;
  forEachRuleStart(plan, plan.startWall, Number.POSITIVE_INFINITY, (wall) => {
    if (wall === plan.startWall) return true;
    members++;
    last = wall;
    return members < target;
  });
  return last;
}

function build(start: string, allDay: boolean, rrule: string, zone: string): SeriesPlan {
  const p = parseLocal(start);
  if (p === null) throw new RangeError(`Not a local date or date-time: "${start}"`);
  if (!isValidZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
  const rule = parseRRule(rrule);
  const dateOnly = allDay || p.dateOnly;
  const startWall = dateOnly ? wallOfParts({ ...p, hour: 0, minute: 0, second: 0 }) : wallOfParts(p);
  const fast = toFastRule(rule, p);
  let ical: IcalRulePlan | null = null;
  let refused: string | null = null;
  if (!fast) {
    try {
      ical = { recur: toIcalRecur(rrule), rule, dateOnly, startWall };
    } catch (e) {
      refused = e instanceof Error ? e.message : String(e);
    }
  }
  const plan: SeriesPlan = {
    dateOnly,
    zone,
    startWall,
    rule,
    fast,
    ical,
    lastWall: rule.until === null ? Number.POSITIVE_INFINITY : untilToWall(rule.until, dateOnly, zone),
    impossible: namesNoRealDate(rule),
    refused,
  };
  if (rule.count !== null) plan.lastWall = countEnd(plan, rule.count);
  return plan;
}

const cache = new Map<string, SeriesPlan | Error>();
const CACHE_LIMIT = 20_000;

/**
 * The plan for a series, cached: an index re-expands the same series for every
 * window, and resolving COUNT or parsing the rule each time would dominate.
 *
 * @throws RecurrenceRuleError for an unreadable rule, RangeError for a bad start or zone
 */
export function planSeries(start: string, allDay: boolean, rrule: string, zone: string): SeriesPlan {
  const key = `${zone}|${allDay ? 'D' : 'T'}|${start}|${rrule}`;
  let plan = cache.get(key);
  if (plan === undefined) {
    try {
      plan = build(start, allDay, rrule, zone);
    } catch (e) {
      if (!(e instanceof RecurrenceRuleError || e instanceof RangeError)) throw e;
      plan = e;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, plan);
  }
  if (plan instanceof Error) throw plan;
  return plan;
}
