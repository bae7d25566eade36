import { describe, expect, it } from 'vitest';
import type { EventWhen } from '../../src/shared/model/CalendarEvent';
import { expandSeries, MAX_INSTANCES } from '../../src/shared/recurrence/expandSeries';
import { firstRuleOccurrence } from '../../src/shared/recurrence/firstRuleOccurrence';
import { RecurrenceRuleError } from '../../src/shared/recurrence/RecurrenceRuleError';
import { seriesBounds } from '../../src/shared/recurrence/seriesBounds';

const utc = (iso: string) => Date.parse(iso);
const range = (from: string, to: string) => ({ fromMs: utc(from), toMs: utc(to) });
const NONE = new Map<string, EventWhen>();

function when(partial: Partial<EventWhen>): EventWhen {
  return { start: '2026-03-16T10:00:00', end: '2026-03-16T11:00:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [], ...partial };
}

const starts = (w: EventWhen, r: { fromMs: number; toMs: number }, overrides = NONE, zone = 'UTC') => expandSeries(w, overrides, r, zone).map((o) => o.start);

describe('expandSeries: single events', () => {
  it('returns the event when it overlaps, with a null recurrence id', () => {
    expect(expandSeries(when({}), NONE, range('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z'), 'UTC')).toEqual([
      { recurrenceId: null, start: '2026-03-16T10:00:00', end: '2026-03-16T11:00:00', startMs: utc('2026-03-16T09:00:00Z'), endMs: utc('2026-03-16T10:00:00Z'), overridden: false },
    ]);
  });

  it('uses half-open overlap: touching the range is not overlapping', () => {
    const w = when({});
    expect(expandSeries(w, NONE, range('2026-03-16T10:00:00Z', '2026-03-17T00:00:00Z'), 'UTC')).toEqual([]);
    expect(expandSeries(w, NONE, range('2026-03-16T00:00:00Z', '2026-03-16T09:00:00Z'), 'UTC')).toEqual([]);
    expect(expandSeries(w, NONE, range('2026-03-16T09:59:59Z', '2026-03-16T10:00:00Z'), 'UTC')).toHaveLength(1);
  });

  it('places all-day and floating events in the floating zone', () => {
    const allDay = when({ start: '2026-03-16', end: '2026-03-18', tzid: null, allDay: true });
    const [o] = expandSeries(allDay, NONE, range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), 'Asia/Tokyo');
    expect(o).toMatchObject({ start: '2026-03-16', end: '2026-03-18', startMs: utc('2026-03-15T15:00:00Z'), endMs: utc('2026-03-17T15:00:00Z') });
    const floating = when({ tzid: null });
    expect(expandSeries(floating, NONE, range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), 'America/New_York')[0]?.startMs).toBe(utc('2026-03-16T14:00:00Z'));
  });
});

describe('expandSeries: series', () => {
  const weekly = when({ rrule: 'FREQ=WEEKLY' });

  it('keeps 10:00 local across the spring change and returns seconds-form ids', () => {
    const out = expandSeries(weekly, NONE, range('2026-03-20T00:00:00Z', '2026-04-05T00:00:00Z'), 'UTC');
    expect(out.map((o) => [o.recurrenceId, new Date(o.startMs).toISOString()])).toEqual([
      ['2026-03-23T10:00:00', '2026-03-23T09:00:00.000Z'],
      ['2026-03-30T10:00:00', '2026-03-30T08:00:00.000Z'],
    ]);
  });

  it('stops an endless rule at the range end, even far in the future', () => {
    const out = starts(weekly, range('2091-01-01T00:00:00Z', '2091-01-15T00:00:00Z'));
    expect(out).toEqual(['2091-01-01T10:00:00', '2091-01-08T10:00:00']);
  });

  it('a window far into a series matches the same window cut from a full expansion', () => {
    const rules = ['FREQ=DAILY;INTERVAL=3', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA', 'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=YEARLY;BYMONTH=3,11;BYDAY=1SU', 'FREQ=DAILY;BYHOUR=8,20', 'FREQ=HOURLY;INTERVAL=5'];
    for (const rrule of rules) {
      const w = when({ start: '2024-01-02T08:00:00', end: '2024-01-02T08:30:00', rrule });
      const window = range('2027-10-20T00:00:00Z', '2027-12-10T00:00:00Z');
      const full = expandSeries(w, NONE, range('2024-01-01T00:00:00Z', '2028-01-01T00:00:00Z'), 'UTC').filter((o) => o.startMs < window.toMs && o.endMs > window.fromMs);
      expect(expandSeries(w, NONE, window, 'UTC'), rrule).toEqual(full);
      expect(full.length, rrule).toBeGreaterThan(0);
    }
  });

  it('applies exdates whether written with or without seconds', () => {
    const w = { ...weekly, exdates: ['2026-03-23T10:00', '2026-03-30T10:00:00'] };
    expect(starts(w, range('2026-03-15T00:00:00Z', '2026-04-10T00:00:00Z'))).toEqual(['2026-03-16T10:00:00', '2026-04-06T10:00:00']);
  });

  it('adds rdates, also without a rule, and does not double one the rule makes', () => {
    const w = { ...weekly, rdates: ['2026-03-18T10:00', '2026-03-23T10:00:00'] };
    expect(starts(w, range('2026-03-15T00:00:00Z', '2026-03-25T00:00:00Z'))).toEqual(['2026-03-16T10:00:00', '2026-03-18T10:00:00', '2026-03-23T10:00:00']);
    const onlyRdates = when({ rdates: ['2026-04-01T09:00'] });
    expect(expandSeries(onlyRdates, NONE, range('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'), 'UTC').map((o) => o.recurrenceId)).toEqual(['2026-03-16T10:00:00', '2026-04-01T09:00:00']);
  });

  it('applies overrides keyed with or without seconds, and returns their key', () => {
    const overrides = new Map<string, EventWhen>([
      ['2026-03-23T10:00', when({ start: '2026-03-23T14:00', end: '2026-03-23T15:30' })],
      ['2026-03-30T10:00:00', when({ start: '2026-04-20T10:00', end: '2026-04-20T11:00' })],
    ]);
    const out = expandSeries(weekly, overrides, range('2026-03-15T00:00:00Z', '2026-04-10T00:00:00Z'), 'UTC');
    expect(out.map((o) => [o.recurrenceId, o.start, o.end, o.overridden])).toEqual([
      ['2026-03-16T10:00:00', '2026-03-16T10:00:00', '2026-03-16T11:00:00', false],
      ['2026-03-23T10:00', '2026-03-23T14:00:00', '2026-03-23T15:30:00', true],
      ['2026-04-06T10:00:00', '2026-04-06T10:00:00', '2026-04-06T11:00:00', false],
    ]);
  });

  it('brings in an override moved from far outside the range, and ignores orphans and excluded ones', () => {
    const overrides = new Map<string, EventWhen>([
      ['2027-01-04T10:00:00', when({ start: '2026-03-25T10:00', end: '2026-03-25T11:00' })],
      ['2026-03-24T10:00:00', when({ start: '2026-03-26T10:00', end: '2026-03-26T11:00' })],
      ['2026-12-28T10:00:00', when({ start: '2026-03-27T10:00', end: '2026-03-27T11:00' })],
    ]);
    const w = { ...weekly, exdates: ['2026-12-28T10:00:00'] };
    const out = expandSeries(w, overrides, range('2026-03-20T00:00:00Z', '2026-03-29T00:00:00Z'), 'UTC');
    expect(out.map((o) => [o.recurrenceId, o.start])).toEqual([
      ['2026-03-23T10:00:00', '2026-03-23T10:00:00'],
      ['2027-01-04T10:00:00', '2026-03-25T10:00:00'],
    ]);
  });

  it('ignores overrides that are past an UNTIL', () => {
    const w = { ...weekly, rrule: 'FREQ=WEEKLY;UNTIL=20260324T000000Z' };
    const overrides = new Map([['2026-03-30T10:00:00', when({ start: '2026-03-19T10:00', end: '2026-03-19T11:00' })]]);
    expect(starts(w, range('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'), overrides)).toEqual(['2026-03-16T10:00:00', '2026-03-23T10:00:00']);
  });

  it('counts DTSTART as the first occurrence even when the rule would not produce it', () => {
    // 17 March 2026 is a Tuesday; the rule produces Mondays.
    const w = when({ start: '2026-03-17T10:00', end: '2026-03-17T11:00', rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' });
    expect(starts(w, range('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'))).toEqual(['2026-03-17T10:00:00', '2026-03-23T10:00:00', '2026-03-30T10:00:00']);
  });

  it('treats a date UNTIL on a timed series as the whole day', () => {
    const w = { ...weekly, rrule: 'FREQ=WEEKLY;UNTIL=20260330' };
    expect(starts(w, range('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'))).toEqual(['2026-03-16T10:00:00', '2026-03-23T10:00:00', '2026-03-30T10:00:00']);
  });

  it('skips months without the start day (RFC 5545), monthly from the 31st', () => {
    const w = when({ start: '2026-01-31T09:00', end: '2026-01-31T10:00', rrule: 'FREQ=MONTHLY;COUNT=4' });
    expect(starts(w, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))).toEqual(['2026-01-31T09:00:00', '2026-03-31T09:00:00', '2026-05-31T09:00:00', '2026-07-31T09:00:00']);
  });

  it('lets an all-day event end on its start day count as one day', () => {
    const w = when({ start: '2026-03-16', end: '2026-03-16', tzid: null, allDay: true, rrule: 'FREQ=DAILY;COUNT=2' });
    expect(expandSeries(w, NONE, range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), 'UTC').map((o) => [o.start, o.end])).toEqual([
      ['2026-03-16', '2026-03-17'],
      ['2026-03-17', '2026-03-18'],
    ]);
  });

  it('accepts the unbounded range callers use to count occurrences', () => {
    const w = { ...weekly, rrule: 'FREQ=WEEKLY;COUNT=5' };
    expect(expandSeries(w, NONE, { fromMs: Number.MIN_SAFE_INTEGER, toMs: utc('2026-04-01T00:00:00Z') }, 'UTC')).toHaveLength(3);
  });

  it('throws on an unreadable rule or a bad zone', () => {
    expect(() => expandSeries({ ...weekly, rrule: 'FREQ=NEVER' }, NONE, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), 'UTC')).toThrow(RecurrenceRuleError);
    expect(() => expandSeries({ ...weekly, tzid: 'Mars/Base' }, NONE, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), 'UTC')).toThrow(RangeError);
  });
});

describe('expandSeries: never hangs', () => {
  const year = range('2026-01-01T00:00:00Z', '2126-01-01T00:00:00Z');
  it.each([
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31',
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=DAILY;INTERVAL=7;BYDAY=MO',
    'FREQ=DAILY;BYHOUR=9;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=DAILY;INTERVAL=7;BYDAY=MO;BYHOUR=9',
  ])('%s (from a Tuesday) ends quickly with only DTSTART', (rrule) => {
    const w = when({ start: '2026-03-17T10:00', end: '2026-03-17T11:00', rrule });
    const t0 = performance.now();
    const out = expandSeries(w, NONE, year, 'UTC');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(out.map((o) => o.start)).toEqual(['2026-03-17T10:00:00']);
    expect(firstRuleOccurrence(w, 'UTC')).toBeNull();
  });

  // Exotic shapes left to ical.js, which reads some differently from RFC 5545
  // (HOURLY+BYHOUR expands instead of limiting); what matters here is that they end.
  it.each(['FREQ=HOURLY;INTERVAL=24;BYHOUR=5', 'FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;BYMONTH=1', 'FREQ=YEARLY;BYYEARDAY=366;BYDAY=SU', 'FREQ=MINUTELY;INTERVAL=1440;BYMINUTE=7'])(
    '%s ends quickly',
    (rrule) => {
      const w = when({ start: '2026-03-17T10:00', end: '2026-03-17T11:00', rrule });
      const t0 = performance.now();
      expandSeries(w, NONE, year, 'UTC');
      firstRuleOccurrence(w, 'UTC');
      seriesBounds(w, 'UTC');
      expect(performance.now() - t0).toBeLessThan(3000);
    },
  );

  it('caps the number of instances', () => {
    const w = when({ start: '2026-01-01T00:00', end: '2026-01-01T00:01', rrule: 'FREQ=MINUTELY' });
    const out = expandSeries(w, NONE, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), 'UTC');
    expect(out).toHaveLength(MAX_INSTANCES);
  });

  it('resolves a huge COUNT without hanging', () => {
    const w = when({ rrule: 'FREQ=DAILY;COUNT=999999999' });
    const t0 = performance.now();
    expect(starts(w, range('2030-01-01T00:00:00Z', '2030-01-03T00:00:00Z'))).toEqual(['2030-01-01T10:00:00', '2030-01-02T10:00:00']);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('seriesBounds', () => {
  it('gives a single event its own times', () => {
    expect(seriesBounds(when({}), 'UTC')).toEqual({ firstStartMs: utc('2026-03-16T09:00:00Z'), lastEndMs: utc('2026-03-16T10:00:00Z') });
  });

  it('is open-ended without COUNT or UNTIL', () => {
    expect(seriesBounds(when({ rrule: 'FREQ=WEEKLY' }), 'UTC')).toEqual({ firstStartMs: utc('2026-03-16T09:00:00Z'), lastEndMs: Number.POSITIVE_INFINITY });
  });

  it('ends at the COUNT-th occurrence, across DST', () => {
    expect(seriesBounds(when({ rrule: 'FREQ=WEEKLY;COUNT=3' }), 'UTC').lastEndMs).toBe(utc('2026-03-30T09:00:00Z'));
  });

  it('ends at the last occurrence on or before UNTIL, skipping excluded ones', () => {
    const w = when({ rrule: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T235959Z', start: '2026-01-30T10:00', end: '2026-01-30T11:00', exdates: ['2027-12-31T10:00:00'] });
    expect(seriesBounds(w, 'UTC')).toEqual({ firstStartMs: utc('2026-01-30T09:00:00Z'), lastEndMs: utc('2027-11-26T10:00:00Z') });
  });

  it('skips an excluded first occurrence and counts rdates', () => {
    const w = when({ rrule: 'FREQ=WEEKLY;COUNT=2', exdates: ['2026-03-16T10:00'], rdates: ['2026-05-01T08:00'] });
    expect(seriesBounds(w, 'UTC')).toEqual({ firstStartMs: utc('2026-03-23T09:00:00Z'), lastEndMs: utc('2026-05-01T07:00:00Z') });
  });

  it('reports an empty series as an empty interval', () => {
    const w = when({ rrule: 'FREQ=WEEKLY;COUNT=1', exdates: ['2026-03-16T10:00'] });
    expect(seriesBounds(w, 'UTC')).toEqual({ firstStartMs: Number.POSITIVE_INFINITY, lastEndMs: Number.NEGATIVE_INFINITY });
  });

  it('bounds an all-day series in the floating zone', () => {
    const w = when({ start: '2026-06-01', end: '2026-06-03', tzid: null, allDay: true, rrule: 'FREQ=YEARLY;COUNT=2' });
    expect(seriesBounds(w, 'Europe/Berlin')).toEqual({ firstStartMs: utc('2026-05-31T22:00:00Z'), lastEndMs: utc('2027-06-02T22:00:00Z') });
  });

  it('is finite for an open rule that can never fire', () => {
    const w = when({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' });
    expect(seriesBounds(w, 'UTC').lastEndMs).toBe(utc('2026-03-16T10:00:00Z'));
  });
});

describe('firstRuleOccurrence', () => {
  it('is the first start the rule itself makes', () => {
    expect(firstRuleOccurrence(when({ rrule: 'FREQ=WEEKLY' }), 'UTC')).toBe('2026-03-16T10:00:00');
    expect(firstRuleOccurrence(when({ start: '2026-03-17T10:00', rrule: 'FREQ=MONTHLY;BYDAY=1MO' }), 'UTC')).toBe('2026-04-06T10:00:00');
    expect(firstRuleOccurrence(when({ rrule: 'FREQ=WEEKLY;UNTIL=20260301' }), 'UTC')).toBeNull();
    expect(firstRuleOccurrence(when({}), 'UTC')).toBeNull();
  });
});
