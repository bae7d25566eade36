import { DateTime } from 'luxon';
import type { RecurrenceRule, Weekday } from '../../shared/recurrence/RecurrenceRule';
import { WEEKDAYS } from '../../shared/recurrence/RecurrenceRule';
import { formatRRule } from '../../shared/recurrence/formatRRule';
import { parseRRule } from '../../shared/recurrence/parseRRule';

export { WEEKDAYS, type Weekday };

/**
 * The repeat options the editor offers (Outlook's and Google's set: daily,
 * weekly on chosen days, monthly by date or by "second Tuesday" / "last
 * Friday", yearly; an interval; an end) and their RecurrenceRule form. A rule
 * the editor cannot show faithfully is kept as 'custom' and written back
 * unchanged, so opening an imported event never rewrites its series.
 */
export type RepeatFreq = 'none' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'custom';
export type MonthlyMode = 'date' | 'nth' | 'last';
export type RepeatEnd = 'never' | 'until' | 'count';

export interface RecurrenceDraft {
  freq: RepeatFreq;
  interval: number;
  /** Weekly: the days it repeats on. */
  weekdays: Weekday[];
  /** Monthly: on the start's day of month, its nth weekday, or its last weekday. */
  monthlyMode: MonthlyMode;
  ends: RepeatEnd;
  /** Last date (inclusive), 'YYYY-MM-DD', when ends = 'until'. */
  until: string;
  count: number;
  /** Week start of the rule as read, carried through so a weekly rule with an interval keeps its weeks. */
  wkst: Weekday | null;
  /** The rule as read, for 'custom' and to tell whether the person changed it. */
  raw: string | null;
}

/** Weekday code of a 'YYYY-MM-DD'. */
export function weekdayOf(date: string): Weekday {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  return WEEKDAYS[(dt.isValid ? dt.weekday : 1) - 1]!;
}

/** Which occurrence of its weekday a date is in its month (1-5), and whether it is the last. */
export function weekdayPosition(date: string): { nth: number; last: boolean } {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  if (!dt.isValid) return { nth: 1, last: false };
  return { nth: Math.ceil(dt.day / 7), last: dt.day + 7 > (dt.daysInMonth ?? 31) };
}

export function noRecurrence(startDate: string): RecurrenceDraft {
  const start = DateTime.fromISO(startDate, { zone: 'utc' });
  return {
    freq: 'none',
    interval: 1,
    weekdays: [weekdayOf(startDate)],
    monthlyMode: 'date',
    ends: 'never',
    until: start.isValid ? start.plus({ months: 3 }).toFormat('yyyy-MM-dd') : '',
    count: 10,
    wkst: null,
    raw: null,
  };
}

/** UNTIL as the local date the series ends on ('...Z' values are read in the event's zone). */
function untilDate(until: string, tzid: string | null): string {
  if (until.endsWith('Z') && tzid) {
    const dt = DateTime.fromISO(until, { zone: 'utc' }).setZone(tzid);
    return dt.isValid ? dt.toFormat('yyyy-MM-dd') : until.slice(0, 10);
  }
  return until.slice(0, 10);
}

/** The editor's reading of a stored rule; 'custom' when the editor cannot show it without loss. */
export function recurrenceFromRRule(rrule: string | null, startDate: string, tzid: string | null): RecurrenceDraft {
  const base = noRecurrence(startDate);
  if (!rrule) return base;
  const custom: RecurrenceDraft = { ...base, freq: 'custom', raw: rrule };
  let rule: RecurrenceRule;
  try {
    rule = parseRRule(rrule);
  } catch {
    return custom;
  }
  if (rule.bySetPos.length > 0 || rule.otherParts.length > 0) return custom;
  const draft: RecurrenceDraft = { ...base, interval: rule.interval, wkst: rule.wkst, raw: rrule };
  if (rule.count !== null) {
    draft.ends = 'count';
    draft.count = rule.count;
  } else if (rule.until !== null) {
    draft.ends = 'until';
    draft.until = untilDate(rule.until, tzid);
  }
  const start = DateTime.fromISO(startDate, { zone: 'utc' });
  const plainDays = rule.byDay.every((d) => d.nth === null);
  switch (rule.freq) {
    case 'DAILY':
      return rule.byDay.length || rule.byMonthDay.length || rule.byMonth.length ? custom : { ...draft, freq: 'daily' };
    case 'WEEKLY': {
      if (rule.byMonth.length || !plainDays) return custom;
      const days = rule.byDay.length ? rule.byDay.map((d) => d.day) : [weekdayOf(startDate)];
      return { ...draft, freq: 'weekly', weekdays: WEEKDAYS.filter((d) => days.includes(d)) };
    }
    case 'MONTHLY': {
      if (rule.byMonth.length) return custom;
      if (rule.byDay.length === 0) {
        const md = rule.byMonthDay;
        return md.length === 0 || (md.length === 1 && md[0] === start.day) ? { ...draft, freq: 'monthly', monthlyMode: 'date' } : custom;
      }
      const only = rule.byDay[0]!;
      if (rule.byDay.length !== 1 || rule.byMonthDay.length || only.day !== weekdayOf(startDate)) return custom;
      const pos = weekdayPosition(startDate);
      if (only.nth === -1 && pos.last) return { ...draft, freq: 'monthly', monthlyMode: 'last' };
      if (only.nth === pos.nth) return { ...draft, freq: 'monthly', monthlyMode: 'nth' };
      return custom;
    }
    case 'YEARLY': {
      if (rule.byDay.length) return custom;
      const monthOk = rule.byMonth.length === 0 || (rule.byMonth.length === 1 && rule.byMonth[0] === start.month);
      const dayOk = rule.byMonthDay.length === 0 || (rule.byMonthDay.length === 1 && rule.byMonthDay[0] === start.day);
      return monthOk && dayOk ? { ...draft, freq: 'yearly' } : custom;
    }
    default:
      return custom;
  }
}

/** The draft as a structured rule; null for no repeat or a custom rule. `startDate` anchors the monthly choices. */
export function recurrenceToRule(d: RecurrenceDraft, startDate: string, allDay: boolean, tzid: string | null): RecurrenceRule | null {
  if (d.freq === 'none' || d.freq === 'custom') return null;
  const start = DateTime.fromISO(startDate, { zone: 'utc' });
  const wd = weekdayOf(startDate);
  let until: string | null = null;
  if (d.ends === 'until' && d.until) {
    if (allDay) until = d.until;
    else if (tzid === null) until = `${d.until}T23:59:59`;
    // RFC 5545: with a zoned start, UNTIL is in UTC. The end of that day in the event's zone.
    else until = DateTime.fromISO(`${d.until}T23:59:59`, { zone: tzid }).toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
  }
  return {
    freq: ({ daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', yearly: 'YEARLY' } as const)[d.freq],
    interval: d.interval,
    byDay:
      d.freq === 'weekly'
        ? (d.weekdays.length ? d.weekdays : [wd]).map((day) => ({ day, nth: null }))
        : d.freq === 'monthly' && d.monthlyMode !== 'date'
          ? [{ day: wd, nth: d.monthlyMode === 'last' ? -1 : weekdayPosition(startDate).nth }]
          : [],
    byMonthDay: d.freq === 'monthly' && d.monthlyMode === 'date' ? [start.day] : [],
    byMonth: [],
    bySetPos: [],
    until,
    count: d.ends === 'count' ? d.count : null,
    wkst: d.wkst,
    otherParts: [],
  };
}

/**
 * The RRULE for a draft; null for no repeat.
 * @throws RecurrenceRuleError when the draft makes no valid rule (formatRRule checks)
 */
export function recurrenceToRRule(d: RecurrenceDraft, startDate: string, allDay: boolean, tzid: string | null): string | null {
  if (d.freq === 'custom') return d.raw;
  const rule = recurrenceToRule(d, startDate, allDay, tzid);
  return rule ? formatRRule(rule) : null;
}
