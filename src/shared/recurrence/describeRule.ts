import { parseLocal, wallOfLocal } from '../time/parseLocal';
import { daysFromCivil, MS_PER_DAY, weekdayFromDays } from '../time/daysFromCivil';
import { isValidZone } from '../time/isValidZone';
import { epochToWall } from '../time/wallToEpoch';
import { parseRRule } from './parseRRule';
import { WEEKDAYS, type RecurrenceRule, type Weekday, type WeekdayNum } from './RecurrenceRule';

/**
 * Plain-language summary of a rule for the event form and tooltips, e.g.
 * "Every 2 weeks on Monday, Wednesday, until 30 Jun 2027".
 *
 * Sentences are English; weekday and month names and the UNTIL date follow
 * `locale` through Intl (default en-GB, whose dates read "30 Jun 2027").
 * `tzid` is the event's zone, used to show a UTC UNTIL as the local date.
 * A rule that cannot be read is described as "Custom recurrence" rather than
 * throwing, since this only labels things.
 */
export function describeRule(rrule: string, startLocal: string, locale = 'en-GB', tzid: string | null = null): string {
  let rule: RecurrenceRule;
  try {
    rule = parseRRule(rrule);
  } catch {
    return 'Custom recurrence';
  }
  const start = parseLocal(startLocal);
  if (start === null) return 'Custom recurrence';
  const names = namesFor(locale);
  const startDay = daysFromCivil(start.year, start.month, start.day);
  const startWeekday = WEEKDAYS[weekdayFromDays(startDay)] as Weekday;

  let text = base(rule, start, startWeekday, names);
  if (rule.otherParts.some(([n]) => /^BY/i.test(n))) text += ' (custom)';
  if (rule.count !== null) text += rule.count === 1 ? ', once' : `, ${rule.count} times`;
  if (rule.until !== null) text += `, until ${untilText(rule.until, tzid, names)}`;
  return text;
}

interface Names {
  weekday: (d: Weekday) => string;
  month: (m: number) => string;
  dayMonth: (month: number, day: number) => string;
  date: (days: number) => string;
}

const namesCache = new Map<string, Names>();

function namesFor(locale: string): Names {
  let names = namesCache.get(locale);
  if (names) return names;
  let loc = locale;
  try {
    new Intl.DateTimeFormat(loc);
  } catch {
    loc = 'en-GB';
  }
  const weekdayFmt = new Intl.DateTimeFormat(loc, { weekday: 'long', timeZone: 'UTC' });
  const monthFmt = new Intl.DateTimeFormat(loc, { month: 'long', timeZone: 'UTC' });
  const dayMonthFmt = new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const dateFmt = new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  names = {
    // 2024-01-01 was a Monday, and 2024 a leap year (29 February has a name).
    weekday: (d) => weekdayFmt.format(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d))),
    month: (m) => monthFmt.format(Date.UTC(2024, m - 1, 1)),
    dayMonth: (m, d) => dayMonthFmt.format(Date.UTC(2024, m - 1, d)),
    date: (days) => dateFmt.format(days * MS_PER_DAY),
  };
  namesCache.set(locale, names);
  return names;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

function ordinal(n: number): string {
  if (n < 0) return n === -1 ? 'last' : `${ordinal(-n)}-to-last`;
  if (n <= ORDINALS.length) return ORDINALS[n - 1] as string;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function every(n: number, unit: string): string {
  return n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
}

const WORKWEEK = ['MO', 'TU', 'WE', 'TH', 'FR'];

function sameSet(days: readonly string[], set: readonly string[]): boolean {
  return days.length === set.length && set.every((d) => days.includes(d));
}

/** "weekday", "weekend day", "day", or "Monday or Friday": what a BYSETPOS picks from. */
function dayKind(days: readonly WeekdayNum[], names: Names): string {
  const codes = [...new Set(days.map((d) => d.day))];
  if (sameSet(codes, WORKWEEK)) return 'weekday';
  if (sameSet(codes, ['SA', 'SU'])) return 'weekend day';
  if (codes.length === 7) return 'day';
  return codes.map((c) => names.weekday(c)).join(' or ');
}

function weekdayList(days: readonly WeekdayNum[], names: Names): string {
  return days.map((d) => (d.nth === null ? names.weekday(d.day) : `the ${ordinal(d.nth)} ${names.weekday(d.day)}`)).join(', ');
}

function monthDayList(days: readonly number[]): string {
  const plain = days.filter((d) => d > 0);
  const fromEnd = days.filter((d) => d < 0).map((d) => `the ${ordinal(d)} day`);
  const parts = plain.length ? [`${plain.length === 1 ? 'day' : 'days'} ${plain.join(', ')}`] : [];
  return [...parts, ...fromEnd].join(', ');
}

/** The "which days of the month" phrase for MONTHLY and YEARLY rules. */
function daysOfMonth(rule: RecurrenceRule, startDay: number, names: Names): string {
  if (rule.bySetPos.length && rule.byDay.length) {
    return `the ${rule.bySetPos.map(ordinal).join(' and ')} ${dayKind(rule.byDay, names)}`;
  }
  if (rule.byDay.length && rule.byMonthDay.length) return `${weekdayList(rule.byDay, names)} that falls on ${monthDayList(rule.byMonthDay)}`;
  if (rule.byDay.length) return weekdayList(rule.byDay, names);
  if (rule.byMonthDay.length) return monthDayList(rule.byMonthDay);
  return `day ${startDay}`;
}

function base(rule: RecurrenceRule, start: { month: number; day: number }, startWeekday: Weekday, names: Names): string {
  const months = rule.byMonth.map((m) => names.month(m)).join(', ');
  const inMonths = rule.byMonth.length ? ` in ${months}` : '';
  const codes = rule.byDay.map((d) => d.day);
  switch (rule.freq) {
    case 'SECONDLY':
      return every(rule.interval, 'second') + inMonths;
    case 'MINUTELY':
      return every(rule.interval, 'minute') + inMonths;
    case 'HOURLY':
      return every(rule.interval, 'hour') + inMonths;
    case 'DAILY':
      if (rule.interval === 1 && sameSet(codes, WORKWEEK)) return `Every weekday${inMonths}`;
      if (rule.byDay.length) return `${every(rule.interval, 'day')} on ${weekdayList(rule.byDay, names)}${inMonths}`;
      return every(rule.interval, 'day') + inMonths;
    case 'WEEKLY': {
      if (rule.interval === 1 && sameSet(codes, WORKWEEK)) return `Every weekday${inMonths}`;
      const days = rule.byDay.length ? weekdayList(rule.byDay, names) : names.weekday(startWeekday);
      return `${every(rule.interval, 'week')} on ${days}${inMonths}`;
    }
    case 'MONTHLY':
      return `${every(rule.interval, 'month')} on ${daysOfMonth(rule, start.day, names)}${inMonths}`;
    case 'YEARLY': {
      const head = every(rule.interval, 'year');
      const noDays = rule.byDay.length === 0 && rule.byMonthDay.length === 0;
      const monthList = rule.byMonth.length ? rule.byMonth : [start.month];
      if (noDays) {
        return monthList.length === 1
          ? `${head} on ${names.dayMonth(monthList[0] as number, start.day)}`
          : `${head} on day ${start.day} of ${monthList.map((m) => names.month(m)).join(', ')}`;
      }
      if (rule.byMonth.length === 0) return `${head} on ${daysOfMonth(rule, start.day, names)} of the year`;
      if (rule.byMonth.length === 1 && rule.byMonthDay.length === 1 && rule.byDay.length === 0 && (rule.byMonthDay[0] as number) > 0) {
        return `${head} on ${names.dayMonth(rule.byMonth[0] as number, rule.byMonthDay[0] as number)}`;
      }
      return `${head} on ${daysOfMonth(rule, start.day, names)} of ${months}`;
    }
  }
}

function untilText(until: string, tzid: string | null, names: Names): string {
  let wall = wallOfLocal(until.replace(/Z$/, ''));
  if (until.endsWith('Z') && tzid !== null && isValidZone(tzid)) wall = epochToWall(wall, tzid);
  return names.date(Math.floor(wall / MS_PER_DAY));
}
