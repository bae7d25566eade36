import { daysInMonth } from '../time/daysFromCivil';
import { FREQUENCIES, WEEKDAYS, type Frequency, type RecurrenceRule, type Weekday, type WeekdayNum } from './RecurrenceRule';
import { RecurrenceRuleError } from './RecurrenceRuleError';

const MODELLED = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'UNTIL', 'COUNT', 'WKST']);

/** RFC 5545 parts not modelled by the editor: checked, then kept verbatim. */
const NUMERIC_RANGES: Record<string, { min: number; max: number; signed: boolean }> = {
  BYSECOND: { min: 0, max: 60, signed: false },
  BYMINUTE: { min: 0, max: 59, signed: false },
  BYHOUR: { min: 0, max: 23, signed: false },
  BYYEARDAY: { min: 1, max: 366, signed: true },
  BYWEEKNO: { min: 1, max: 53, signed: true },
};

function fail(rrule: string, why: string): never {
  throw new RecurrenceRuleError(`Cannot read the repeat rule "${rrule}": ${why}`);
}

function parseIntList(rrule: string, name: string, value: string, min: number, max: number, signed: boolean): number[] {
  const out: number[] = [];
  for (const item of value.split(',')) {
    if (!(signed ? /^[+-]?\d{1,3}$/ : /^\+?\d{1,3}$/).test(item)) fail(rrule, `${name} has "${item}", expected ${signed ? 'a signed' : 'a'} whole number`);
    const n = Number(item);
    if (Math.abs(n) < min || Math.abs(n) > max) fail(rrule, `${name} value ${item} is outside ${signed ? `±${min}..${max}` : `${min}..${max}`}`);
    out.push(n);
  }
  return out;
}

function parsePositive(rrule: string, name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) fail(rrule, `${name} must be a whole number of at least 1, not "${value}"`);
  return Number(value);
}

function parseWeekday(rrule: string, name: string, value: string): Weekday {
  const v = value.toUpperCase();
  if (!(WEEKDAYS as readonly string[]).includes(v)) fail(rrule, `${name} has "${value}", expected one of ${WEEKDAYS.join(', ')}`);
  return v as Weekday;
}

/** '20270630T235959Z' -> '2027-06-30T23:59:59Z'; '20270630' -> '2027-06-30'. */
function parseUntil(rrule: string, value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(value);
  if (!m) fail(rrule, `UNTIL must be a date (20270630) or date-time (20270630T235959Z), not "${value}"`);
  const [, y, mo, d, h, mi, s, z] = m;
  const month = Number(mo);
  if (month < 1 || month > 12 || Number(d) < 1 || Number(d) > daysInMonth(Number(y), month)) fail(rrule, `UNTIL ${value} is not a real date`);
  if (h === undefined) return `${y}-${mo}-${d}`;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) fail(rrule, `UNTIL ${value} is not a real time`);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${z ? 'Z' : ''}`;
}

function parseByDay(rrule: string, value: string): WeekdayNum[] {
  return value.split(',').map((item) => {
    const m = /^([+-]?\d{1,2})?([A-Za-z]{2})$/.exec(item);
    if (!m) fail(rrule, `BYDAY has "${item}", expected a weekday such as MO, 2TU or -1FR`);
    const day = parseWeekday(rrule, 'BYDAY', m[2] as string);
    if (m[1] === undefined) return { day, nth: null };
    const nth = Number(m[1]);
    if (nth === 0 || Math.abs(nth) > 53) fail(rrule, `BYDAY has "${item}": the position must be 1 to 53 or -1 to -53`);
    return { day, nth };
  });
}

/**
 * Reads an RRULE value (with or without the "RRULE:" prefix) into its parts.
 * Rejects what RFC 5545 forbids or what cannot be expanded sensibly, such as
 * COUNT together with UNTIL, BYMONTHDAY=0, or "2TU" in a weekly rule.
 *
 * @throws RecurrenceRuleError naming the offending part
 */
export function parseRRule(rrule: string): RecurrenceRule {
  const text = rrule.trim().replace(/^RRULE:/i, '');
  const seen = new Set<string>();
  const rule: RecurrenceRule = {
    freq: 'DAILY',
    interval: 1,
    byDay: [],
    byMonthDay: [],
    byMonth: [],
    bySetPos: [],
    until: null,
    count: null,
    wkst: null,
    otherParts: [],
  };
  let freq: Frequency | null = null;
  for (const part of text.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) fail(rrule, `"${part}" is not NAME=value`);
    const rawName = part.slice(0, eq);
    const name = rawName.toUpperCase();
    const value = part.slice(eq + 1);
    if (MODELLED.has(name) || name in NUMERIC_RANGES) {
      if (seen.has(name)) fail(rrule, `${name} appears twice`);
      seen.add(name);
      if (value === '') fail(rrule, `${name} has no value`);
    }
    switch (name) {
      case 'FREQ': {
        const f = value.toUpperCase();
        if (!(FREQUENCIES as readonly string[]).includes(f)) fail(rrule, `FREQ must be one of ${FREQUENCIES.join(', ')}, not "${value}"`);
        freq = f as Frequency;
        break;
      }
      case 'INTERVAL':
        rule.interval = parsePositive(rrule, name, value);
        break;
      case 'COUNT':
        rule.count = parsePositive(rrule, name, value);
        break;
      case 'UNTIL':
        rule.until = parseUntil(rrule, value);
        break;
      case 'BYDAY':
        rule.byDay = parseByDay(rrule, value);
        break;
      case 'BYMONTHDAY':
        rule.byMonthDay = parseIntList(rrule, name, value, 1, 31, true);
        break;
      case 'BYMONTH':
        rule.byMonth = parseIntList(rrule, name, value, 1, 12, false);
        break;
      case 'BYSETPOS':
        rule.bySetPos = parseIntList(rrule, name, value, 1, 366, true);
        break;
      case 'WKST':
        rule.wkst = parseWeekday(rrule, name, value);
        break;
      default: {
        const range = NUMERIC_RANGES[name];
        if (range) parseIntList(rrule, name, value, range.min, range.max, range.signed);
        rule.otherParts.push([rawName, value]);
      }
    }
  }
  if (freq === null) fail(rrule, 'FREQ is missing');
  rule.freq = freq;
  if (rule.count !== null && rule.until !== null) fail(rrule, 'COUNT and UNTIL cannot both be set');
  const other = new Set(rule.otherParts.map(([n]) => n.toUpperCase()));
  if (rule.byDay.some((d) => d.nth !== null)) {
    if (freq !== 'MONTHLY' && freq !== 'YEARLY') fail(rrule, `a numbered BYDAY such as "2TU" needs FREQ=MONTHLY or YEARLY, not ${freq}`);
    if (freq === 'YEARLY' && other.has('BYWEEKNO')) fail(rrule, 'a numbered BYDAY cannot be combined with BYWEEKNO');
  }
  if (freq === 'WEEKLY' && rule.byMonthDay.length > 0) fail(rrule, 'BYMONTHDAY cannot be used with FREQ=WEEKLY');
  if (other.has('BYYEARDAY') && (freq === 'DAILY' || freq === 'WEEKLY' || freq === 'MONTHLY')) fail(rrule, `BYYEARDAY cannot be used with FREQ=${freq}`);
  if (other.has('BYWEEKNO') && freq !== 'YEARLY') fail(rrule, 'BYWEEKNO needs FREQ=YEARLY');
  if (rule.bySetPos.length > 0) {
    const hasOtherBy = rule.byDay.length + rule.byMonthDay.length + rule.byMonth.length > 0 || [...other].some((n) => n in NUMERIC_RANGES);
    if (!hasOtherBy) fail(rrule, 'BYSETPOS needs another BY part (such as BYDAY) to pick from');
  }
  return rule;
}
