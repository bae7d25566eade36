import ICAL from 'ical.js';
import { civilFromDays, daysFromCivil, daysInMonth, MS_PER_DAY, weekdayFromDays } from '../time/daysFromCivil';
import { WEEKDAYS, type RecurrenceRule } from './RecurrenceRule';

type IcalRecur = InstanceType<typeof ICAL.Recur>;
type IcalTime = InstanceType<typeof ICAL.Time>;

/**
 * Rule expansion with ical.js for the shapes iterateFastRule.ts does not handle
 * (sub-daily frequencies, BYHOUR/BYMINUTE/BYSECOND, BYYEARDAY, BYWEEKNO, YEARLY
 * counting within the year).
 *
 * Iteration runs in floating wall time (ICAL.Time without a zone): the caller
 * turns each wall time into an instant in the event's zone, so a 10:00 meeting
 * stays at 10:00 across DST changes.
 *
 * Guards, found by reading recur_iterator.js (ical.js 2.2): next() retries a
 * step until BY-part limits match with no cap for DAILY and sub-daily rules, so
 * FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 or FREQ=DAILY;INTERVAL=7;BYDAY=MO from a
 * Tuesday never return; MONTHLY and YEARLY stop after 336 and 28 empty steps. The
 * YEARLY set-up scans to UNTIL's year or year 20000. So the rule always gets an
 * UNTIL no later than the window, and the limit check is wrapped to abort once
 * the iterator passes the window or fails MAX_MISSES times in a row.
 * ical.js also rolls impossible dates over (YEARLY;BYMONTH=2;BYMONTHDAY=30 gives
 * 2 March), so every result is checked against BYMONTH, BYMONTHDAY and BYDAY.
 */

const MAX_MISSES = 20_000;
const STOP = Symbol('stop');

const STEP_MS: Record<string, number> = {
  SECONDLY: 1000,
  MINUTELY: 60_000,
  HOURLY: 3_600_000,
  DAILY: MS_PER_DAY,
  WEEKLY: 7 * MS_PER_DAY,
};

export interface IcalRulePlan {
  recur: IcalRecur;
  rule: RecurrenceRule;
  dateOnly: boolean;
  startWall: number;
}

/** ical.js's reading of the rule with COUNT and UNTIL removed (the caller bounds iteration itself). */
export function toIcalRecur(rrule: string): IcalRecur {
  const recur = ICAL.Recur.fromString(rrule.trim().replace(/^RRULE:/i, ''));
  recur.count = null;
  recur.until = null;
  return recur;
}

function wallOfTime(t: IcalTime): number {
  return daysFromCivil(t.year, t.month, t.day) * MS_PER_DAY + ((t.hour * 60 + t.minute) * 60 + t.second) * 1000;
}

function timeOfWall(wall: number, dateOnly: boolean): IcalTime {
  const days = Math.floor(wall / MS_PER_DAY);
  const c = civilFromDays(days);
  const secs = Math.floor((wall - days * MS_PER_DAY) / 1000);
  return ICAL.Time.fromData({
    year: c.year,
    month: c.month,
    day: c.day,
    hour: dateOnly ? 0 : Math.floor(secs / 3600),
    minute: dateOnly ? 0 : Math.floor(secs / 60) % 60,
    second: dateOnly ? 0 : secs % 60,
    isDate: dateOnly,
  });
}

function matchesExplicitParts(wall: number, rule: RecurrenceRule): boolean {
  if (rule.byMonth.length === 0 && rule.byMonthDay.length === 0 && rule.byDay.length === 0) return true;
  const days = Math.floor(wall / MS_PER_DAY);
  const c = civilFromDays(days);
  if (rule.byMonth.length && !rule.byMonth.includes(c.month)) return false;
  const dim = daysInMonth(c.year, c.month);
  if (rule.byMonthDay.length && !rule.byMonthDay.some((md) => md === c.day || (md < 0 && dim + 1 + md === c.day))) return false;
  if (rule.byDay.length) {
    const wd = WEEKDAYS[weekdayFromDays(days)];
    if (!rule.byDay.some((d) => d.day === wd)) return false;
  }
  return true;
}

/**
 * Calls `visit` with each wall time (see wallOfParts) the rule produces from
 * `fromWall` to `toWall` inclusive, ascending; `visit` returns false to stop.
 * `toWall` must be finite. Rules ical.js refuses produce nothing.
 */
export function iterateIcalRule(plan: IcalRulePlan, fromWall: number, toWall: number, visit: (wall: number) => boolean): void {
  if (!Number.isFinite(toWall) || toWall < plan.startWall) return;
  let startWall = plan.startWall;
  // Start near the window instead of replaying years of a long series. Whole
  // periods keep the rule's phase; the shifted start itself may not match the
  // rule (ical.js returns its start unchecked), so it lands a period before the window.
  const step = STEP_MS[plan.rule.freq];
  if (step !== undefined && plan.rule.bySetPos.length === 0 && fromWall > startWall) {
    const period = step * plan.rule.interval;
    const k = Math.floor((fromWall - startWall) / period) - 1;
    if (k > 0) startWall += k * period;
  }
  const recur = plan.recur.clone();
  recur.until = timeOfWall(plan.dateOnly ? Math.floor(toWall / MS_PER_DAY) * MS_PER_DAY : toWall, plan.dateOnly);
  let iterator: InstanceType<typeof ICAL.RecurIterator>;
  try {
    iterator = recur.iterator(timeOfWall(startWall, plan.dateOnly));
  } catch {
    return;
  }
  const check = iterator.check_contracting_rules.bind(iterator);
  let misses = 0;
  iterator.check_contracting_rules = () => {
    if (wallOfTime(iterator.last) > toWall) throw STOP;
    const ok = check();
    if (ok) misses = 0;
    else if (++misses > MAX_MISSES) throw STOP;
    return ok;
  };
  try {
    for (;;) {
      const t = iterator.next();
      if (!t) return;
      const wall = wallOfTime(t);
      if (wall > toWall) return;
      if (wall < fromWall || wall < plan.startWall || !matchesExplicitParts(wall, plan.rule)) continue;
      if (!visit(wall)) return;
    }
  } catch (e) {
    // STOP, or ical.js giving up on a rule ("Same occurrence found twice"): no more occurrences.
    if (e !== STOP && !(e instanceof Error)) throw e;
  }
}
