import { describe, expect, it } from 'vitest';
import { describeRule } from '../../src/shared/recurrence/describeRule';
import { formatRRule } from '../../src/shared/recurrence/formatRRule';
import { parseRRule } from '../../src/shared/recurrence/parseRRule';
import { RecurrenceRuleError } from '../../src/shared/recurrence/RecurrenceRuleError';

describe('parseRRule', () => {
  it('reads every part the editor models', () => {
    expect(parseRRule('FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU,-1FR;BYMONTH=1,7;WKST=SU;COUNT=10')).toEqual({
      freq: 'MONTHLY',
      interval: 2,
      byDay: [{ day: 'TU', nth: 2 }, { day: 'FR', nth: -1 }],
      byMonthDay: [],
      byMonth: [1, 7],
      bySetPos: [],
      until: null,
      count: 10,
      wkst: 'SU',
      otherParts: [],
    });
    expect(parseRRule('RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYMONTHDAY=-1,15')).toMatchObject({
      byDay: [{ day: 'MO', nth: null }, { day: 'TU', nth: null }, { day: 'WE', nth: null }, { day: 'TH', nth: null }, { day: 'FR', nth: null }],
      bySetPos: [-1],
      byMonthDay: [-1, 15],
    });
  });

  it('reads UNTIL in its three forms', () => {
    expect(parseRRule('FREQ=DAILY;UNTIL=20270630T235959Z').until).toBe('2027-06-30T23:59:59Z');
    expect(parseRRule('FREQ=DAILY;UNTIL=20270630T235959').until).toBe('2027-06-30T23:59:59');
    expect(parseRRule('FREQ=DAILY;UNTIL=20270630').until).toBe('2027-06-30');
  });

  it('is lenient about case and stray semicolons', () => {
    expect(parseRRule('freq=weekly;byday=mo,we;').byDay).toEqual([{ day: 'MO', nth: null }, { day: 'WE', nth: null }]);
  });

  it('keeps parts it does not model, verbatim and in order', () => {
    const rule = parseRRule('FREQ=YEARLY;X-NAME=Some Value;BYWEEKNO=20;RSCALE=GREGORIAN;SKIP=OMIT;BYDAY=MO');
    expect(rule.otherParts).toEqual([['X-NAME', 'Some Value'], ['BYWEEKNO', '20'], ['RSCALE', 'GREGORIAN'], ['SKIP', 'OMIT']]);
  });

  it.each([
    ['INTERVAL=2', /FREQ is missing/],
    ['FREQ=FORTNIGHTLY', /FREQ must be one of/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL must be a whole number of at least 1/],
    ['FREQ=DAILY;COUNT=-3', /COUNT/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270101', /COUNT and UNTIL cannot both be set/],
    ['FREQ=DAILY;UNTIL=2027-01-01', /UNTIL must be a date/],
    ['FREQ=DAILY;UNTIL=20270230', /not a real date/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY has "XX"/],
    ['FREQ=WEEKLY;BYDAY=2TU', /numbered BYDAY .* needs FREQ=MONTHLY or YEARLY/],
    ['FREQ=MONTHLY;BYDAY=0TU', /position must be 1 to 53/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY value 0 is outside/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /outside/],
    ['FREQ=YEARLY;BYMONTH=13', /BYMONTH value 13/],
    ['FREQ=WEEKLY;BYMONTHDAY=3', /BYMONTHDAY cannot be used with FREQ=WEEKLY/],
    ['FREQ=MONTHLY;BYSETPOS=1', /BYSETPOS needs another BY part/],
    ['FREQ=DAILY;BYHOUR=24', /BYHOUR value 24/],
    ['FREQ=MONTHLY;BYWEEKNO=3', /BYWEEKNO needs FREQ=YEARLY/],
    ['FREQ=DAILY;FREQ=WEEKLY', /FREQ appears twice/],
    ['FREQ=DAILY;oops', /is not NAME=value/],
  ])('refuses %s', (rrule, message) => {
    expect(() => parseRRule(rrule)).toThrow(RecurrenceRuleError);
    expect(() => parseRRule(rrule)).toThrow(message);
  });
});

describe('formatRRule', () => {
  it.each([
    'FREQ=DAILY',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270630T215959Z',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=MONTHLY;BYDAY=2TU,-1FR;COUNT=12',
    'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;WKST=SU;UNTIL=20400101',
    'FREQ=WEEKLY;BYDAY=MO;X-TESSERA-NOTE=keep me;RSCALE=GREGORIAN',
  ])('round-trips %s', (rrule) => {
    expect(formatRRule(parseRRule(rrule))).toBe(rrule);
  });

  it('keeps unknown parts when the editor changes the rule', () => {
    const rule = parseRRule('FREQ=WEEKLY;BYDAY=MO;X-FOO=bar;BYHOUR=9,17');
    rule.byDay.push({ day: 'FR', nth: null });
    rule.interval = 3;
    expect(formatRRule(rule)).toBe('FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,FR;X-FOO=bar;BYHOUR=9,17');
  });

  it('writes UNTIL without seconds and refuses invalid rules', () => {
    expect(formatRRule({ ...parseRRule('FREQ=DAILY'), until: '2027-06-30T23:59' })).toBe('FREQ=DAILY;UNTIL=20270630T235900');
    expect(() => formatRRule({ ...parseRRule('FREQ=DAILY'), interval: 0 })).toThrow(RecurrenceRuleError);
    expect(() => formatRRule({ ...parseRRule('FREQ=WEEKLY'), byDay: [{ day: 'MO', nth: 2 }] })).toThrow(RecurrenceRuleError);
  });
});

describe('describeRule', () => {
  it.each([
    ['FREQ=DAILY', '2026-03-16T10:00', 'Every day'],
    ['FREQ=DAILY;INTERVAL=3;COUNT=5', '2026-03-16T10:00', 'Every 3 days, 5 times'],
    ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', '2026-03-16T10:00', 'Every weekday'],
    ['FREQ=WEEKLY', '2026-03-18T10:00', 'Every week on Wednesday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270630', '2026-03-16T10:00', 'Every 2 weeks on Monday, Wednesday, until 30 Jun 2027'],
    ['FREQ=WEEKLY;COUNT=1', '2026-03-16T10:00', 'Every week on Monday, once'],
    ['FREQ=MONTHLY', '2026-01-31T10:00', 'Every month on day 31'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', '2026-01-01T10:00', 'Every month on days 1, 15'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31', 'Every month on the last day'],
    ['FREQ=MONTHLY;BYDAY=2TU', '2026-03-10T10:00', 'Every month on the second Tuesday'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=-2FR', '2026-03-20T10:00', 'Every 3 months on the second-to-last Friday'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-30T17:00', 'Every month on the last weekday'],
    ['FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1', '2026-03-01', 'Every month on the first weekend day'],
    ['FREQ=YEARLY', '2026-03-14', 'Every year on 14 March'],
    ['FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', '2026-10-25T02:00', 'Every year on the last Sunday of October'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2024-02-29', 'Every year on 29 February'],
    ['FREQ=HOURLY;INTERVAL=4', '2026-03-16T10:00', 'Every 4 hours'],
    ['FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO', '2026-05-11', 'Every year on Monday of the year (custom)'],
  ])('%s', (rrule, start, text) => {
    expect(describeRule(rrule, start)).toBe(text);
  });

  it('shows a UTC UNTIL as the date in the event zone', () => {
    // 23:30 UTC on 30 June is already 1 July in Berlin.
    expect(describeRule('FREQ=DAILY;UNTIL=20270630T233000Z', '2026-03-16T10:00', 'en-GB', 'Europe/Berlin')).toBe('Every day, until 1 Jul 2027');
    expect(describeRule('FREQ=DAILY;UNTIL=20270630T233000Z', '2026-03-16T10:00')).toBe('Every day, until 30 Jun 2027');
  });

  it('uses the locale for names and dates', () => {
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO;UNTIL=20270630', '2026-03-16', 'de-DE')).toBe('Every week on Montag, until 30. Juni 2027');
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO;UNTIL=20270630', '2026-03-16', 'en-US')).toBe('Every week on Monday, until Jun 30, 2027');
  });

  it('never throws for a rule it cannot read', () => {
    expect(describeRule('FREQ=SOMETIMES', '2026-03-16')).toBe('Custom recurrence');
    expect(describeRule('FREQ=DAILY', 'not a date')).toBe('Custom recurrence');
  });
});
