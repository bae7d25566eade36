import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { defaultWhat, EMPTY_WHO, type CalendarEvent, type ShowAs } from '../../src/shared/model/CalendarEvent';
import type { BusyInterval } from '../../src/shared/schedule/BusyInterval';
import { busyIntervals } from '../../src/shared/schedule/busyIntervals';
import { findTimes, type ScheduleAttendee } from '../../src/shared/schedule/findTimes';
import { DEFAULT_WORKING_HOURS, workingHoursSchema, type WorkingHours } from '../../src/shared/schedule/WorkingHours';
import { workingWindows } from '../../src/shared/schedule/workingWindows';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const hours = (start: string, end: string, days = [1, 2, 3, 4, 5]): WorkingHours => days.map((day) => ({ day, start, end }));

function ev(uid: string, start: string, end: string, tzid: string | null, opts: { showAs?: ShowAs; rrule?: string; allDay?: boolean; recurrenceId?: string } = {}): CalendarEvent {
  return {
    uid,
    recurrenceId: opts.recurrenceId ?? null,
    when: { start, end, tzid, allDay: opts.allDay ?? false, rrule: opts.rrule ?? null, exdates: [], rdates: [] },
    what: { ...defaultWhat(uid), showAs: opts.showAs ?? 'busy' },
    who: EMPTY_WHO,
    reminders: [],
  };
}

function person(id: string, zone: string, wh: WorkingHours | null, busy: BusyInterval[] | null = [], required = true): ScheduleAttendee {
  return { id, required, zone, workingHours: wh, busy };
}

const berlin = (busy: BusyInterval[] = [], wh = DEFAULT_WORKING_HOURS) => person('berlin', 'Europe/Berlin', wh, busy);
const newYork = (busy: BusyInterval[] = [], wh = DEFAULT_WORKING_HOURS) => person('ny', 'America/New_York', wh, busy);
// Evenings in Shanghai (15:00-23:00, UTC+8 all year) overlap Berlin's and New York's day.
const shanghai = (busy: BusyInterval[] = [], wh = hours('15:00', '23:00')) => person('sh', 'Asia/Shanghai', wh, busy);

function earliestStartPerDay(slots: { startMs: number }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of [...slots].sort((a, b) => a.startMs - b.startMs)) {
    const day = iso(s.startMs).slice(0, 10);
    if (!out.has(day)) out.set(day, iso(s.startMs).slice(11));
  }
  return out;
}

/** Every slot lies inside each required attendee's hours in their own zone. */
function expectInsideHours(slots: { startMs: number; endMs: number }[], people: ScheduleAttendee[]) {
  for (const s of slots) {
    for (const p of people) {
      if (!p.required || !p.workingHours || !p.zone) continue;
      const a = DateTime.fromMillis(s.startMs, { zone: p.zone });
      const b = DateTime.fromMillis(s.endMs - 1, { zone: p.zone });
      const wh = p.workingHours.find((h) => h.day === a.weekday);
      expect(wh, `${p.id} works on ${a.toISO()}`).toBeDefined();
      expect(a.toFormat('HH:mm') >= wh!.start && b.toFormat('HH:mm') < wh!.end, `${p.id} ${a.toISO()}`).toBe(true);
    }
  }
}

describe('workingWindows', () => {
  it('places 09:00-17:00 by each zone’s own DST dates', () => {
    const w = workingWindows(hours('09:00', '17:00'), 'Europe/Berlin', utc('2026-03-27T00:00'), utc('2026-03-31T00:00'));
    // Fri 27 March CET (UTC+1), then Mon 30 March CEST (UTC+2); the weekend has none.
    expect(w.map(([s, e]) => [iso(s), iso(e)])).toEqual([
      ['2026-03-27T08:00', '2026-03-27T16:00'],
      ['2026-03-30T07:00', '2026-03-30T15:00'],
    ]);
  });

  it('clips windows to the range and allows a day ending at 24:00', () => {
    const w = workingWindows([{ day: 1, start: '20:00', end: '24:00' }], 'UTC', utc('2026-03-02T21:00'), utc('2026-03-10T00:00'));
    expect(w.map(([s, e]) => [iso(s), iso(e)])).toEqual([
      ['2026-03-02T21:00', '2026-03-03T00:00'],
      ['2026-03-09T20:00', '2026-03-10T00:00'],
    ]);
  });

  it('refuses an unknown zone', () => {
    expect(() => workingWindows(DEFAULT_WORKING_HOURS, 'Mars/Olympus', 0, 86_400_000)).toThrow(RangeError);
  });
});

describe('workingHoursSchema', () => {
  it('accepts per-day hours and refuses bad ones', () => {
    expect(workingHoursSchema.safeParse([{ day: 1, start: '08:00', end: '12:00' }, { day: 3, start: '13:30', end: '24:00' }]).success).toBe(true);
    expect(workingHoursSchema.safeParse([{ day: 1, start: '17:00', end: '09:00' }]).success).toBe(false);
    expect(workingHoursSchema.safeParse([{ day: 8, start: '09:00', end: '17:00' }]).success).toBe(false);
    expect(workingHoursSchema.safeParse([{ day: 1, start: '9:00', end: '17:00' }]).success).toBe(false);
    expect(workingHoursSchema.safeParse([{ day: 1, start: '09:00', end: '24:30' }]).success).toBe(false);
    expect(workingHoursSchema.safeParse([{ day: 2, start: '09:00', end: '17:00' }, { day: 2, start: '10:00', end: '11:00' }]).success).toBe(false);
  });
});

describe('findTimes across zones and DST changes', () => {
  const search = (people: ScheduleAttendee[], from: string, to: string, extra: Partial<Parameters<typeof findTimes>[0]> = {}) =>
    findTimes({ attendees: people, durationMinutes: 60, from: utc(from), to: utc(to), stepMinutes: 30, organizerZone: 'Europe/Berlin', limit: 10_000, ...extra });

  it('March: the US changes on the 8th, the EU on the 29th, and the shared hours move with each', () => {
    const people = [shanghai(), berlin(), newYork()];
    const slots = search(people, '2026-03-02T00:00', '2026-04-04T00:00');
    const firsts = earliestStartPerDay(slots);
    // Before 8 March: NY (EST) from 14:00 UTC, Berlin (CET) until 16:00, Shanghai until 15:00.
    expect(firsts.get('2026-03-02')).toBe('14:00');
    // 9-27 March: NY on EDT opens at 13:00 UTC, Berlin still CET.
    expect(firsts.get('2026-03-09')).toBe('13:00');
    expect(firsts.get('2026-03-27')).toBe('13:00');
    // From 30 March Berlin (CEST) ends at 15:00 UTC, the same as Shanghai.
    expect(firsts.get('2026-03-30')).toBe('13:00');
    const lastOn = (day: string) => iso(Math.max(...slots.filter((s) => iso(s.startMs).startsWith(day)).map((s) => s.endMs)));
    expect(lastOn('2026-03-02')).toBe('2026-03-02T15:00');
    expect(lastOn('2026-03-30')).toBe('2026-03-30T15:00');
    // Weekends are nobody's working days.
    expect([...firsts.keys()].some((d) => ['Sat', 'Sun'].includes(DateTime.fromISO(d).toFormat('ccc')))).toBe(false);
    expectInsideHours(slots, people);
  });

  it('October/November: the EU changes on 25 October, the US on 1 November', () => {
    const people = [berlin(), newYork()];
    const slots = search(people, '2026-10-19T00:00', '2026-11-07T00:00');
    const lastEnd = (day: string) => iso(Math.max(...slots.filter((s) => iso(s.startMs).startsWith(day)).map((s) => s.endMs)));
    const firsts = earliestStartPerDay(slots);
    // Both on summer time: 13:00-15:00 UTC.
    expect([firsts.get('2026-10-19'), lastEnd('2026-10-19')]).toEqual(['13:00', '2026-10-19T15:00']);
    // Berlin back on CET, NY still EDT: 13:00-16:00 UTC.
    expect([firsts.get('2026-10-26'), lastEnd('2026-10-26')]).toEqual(['13:00', '2026-10-26T16:00']);
    // Both on winter time: 14:00-16:00 UTC.
    expect([firsts.get('2026-11-02'), lastEnd('2026-11-02')]).toEqual(['14:00', '2026-11-02T16:00']);
    expectInsideHours(slots, people);
  });

  it('steps on the organiser’s wall clock, whatever their offset', () => {
    const slots = findTimes({ attendees: [person('a', 'Asia/Kolkata', hours('10:00', '12:00'))], durationMinutes: 30, from: utc('2026-03-02T00:00'), to: utc('2026-03-03T00:00'), stepMinutes: 60, organizerZone: 'Asia/Kolkata' });
    expect(slots.map((s) => DateTime.fromMillis(s.startMs, { zone: 'Asia/Kolkata' }).toFormat('HH:mm'))).toEqual(['10:00', '11:00']);
  });

  it('finds no slot when required hours never meet', () => {
    expect(search([person('sh', 'Asia/Shanghai', DEFAULT_WORKING_HOURS), newYork()], '2026-03-02T00:00', '2026-03-14T00:00')).toEqual([]);
    expect(search([berlin()], '2026-03-07T00:00', '2026-03-09T00:00')).toEqual([]); // a weekend
    expect(search([berlin()], '2026-03-02T10:00', '2026-03-02T10:30')).toEqual([]); // range shorter than the meeting
  });

  it('avoids busy times, including all-day and recurring events, in each person’s zone', () => {
    const range = { fromMs: utc('2026-03-09T00:00'), toMs: utc('2026-03-14T00:00') };
    const nyBusy = busyIntervals(
      [
        // Every weekday 09:00-10:00 New York time (13:00-14:00 UTC on EDT).
        ev('standup', '2026-03-02T09:00', '2026-03-02T10:00', 'America/New_York', { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' }),
        // Wednesday is out of office, all day.
        ev('off', '2026-03-11', '2026-03-12', null, { allDay: true, showAs: 'oof' }),
        ev('lunch', '2026-03-10T11:00', '2026-03-10T12:00', 'America/New_York', { showAs: 'free' }),
      ],
      range,
      'America/New_York',
    );
    const berlinBusy = busyIntervals([ev('review', '2026-03-12T15:00', '2026-03-12T16:30', 'Europe/Berlin')], range, 'Europe/Berlin');
    const slots = search([berlin(berlinBusy), newYork(nyBusy)], '2026-03-09T00:00', '2026-03-14T00:00');
    const byDay = new Map<string, string[]>();
    for (const s of slots.sort((a, b) => a.startMs - b.startMs)) {
      const d = iso(s.startMs).slice(0, 10);
      byDay.set(d, [...(byDay.get(d) ?? []), iso(s.startMs).slice(11)]);
    }
    // 13:00-16:00 UTC shared; the stand-up takes 13:00-14:00.
    expect(byDay.get('2026-03-09')).toEqual(['14:00', '14:30', '15:00']);
    expect(byDay.get('2026-03-10')).toEqual(['14:00', '14:30', '15:00']); // "free" lunch does not block
    expect(byDay.has('2026-03-11')).toBe(false); // all-day out of office
    // Berlin's review 14:00-15:30 UTC leaves 15:30 only... which is too short for an hour: nothing.
    expect(byDay.has('2026-03-12')).toBe(false);
    expect(byDay.get('2026-03-13')).toEqual(['14:00', '14:30', '15:00']);
  });

  it('ranks by optional attendees free, then earliest; tentative required slots come last', () => {
    const day = (h: string) => utc(`2026-03-09T${h}`);
    const optA = person('optA', 'Europe/Berlin', DEFAULT_WORKING_HOURS, [{ startMs: day('13:00'), endMs: day('14:00'), kind: 'busy' }], false);
    const optB = person('optB', 'Europe/Berlin', DEFAULT_WORKING_HOURS, [{ startMs: day('13:00'), endMs: day('14:30'), kind: 'tentative' }], false);
    const outside = person('guest@elsewhere.example', 'UTC', null, null, false);
    const ny = newYork([{ startMs: day('15:00'), endMs: day('16:00'), kind: 'tentative' }]);
    const slots = search([berlin(), ny, optA, optB, outside], '2026-03-09T00:00', '2026-03-10T00:00');
    // Shared hours 13:00-16:00 UTC. optB is tentative until 14:30 (not free); NY tentative from 15:00.
    expect(slots.map((s) => [iso(s.startMs).slice(11), s.optionalFree.length, s.requiredTentative.length])).toEqual([
      ['14:00', 1, 0],
      ['13:00', 0, 0],
      ['13:30', 0, 0],
      ['14:30', 2, 1],
      ['15:00', 2, 1],
    ]);
    expect(slots[0]!.optionalTotal).toBe(3);
    expect(slots[0]!.optionalUnknown).toEqual(['guest@elsewhere.example']);
    expect(slots[0]!.optionalFree).toEqual(['optA']);
    expect(slots[3]!.optionalFree).toEqual(['optA', 'optB']);
    expect(slots.at(-1)!.requiredTentative).toEqual(['ny']);
  });

  it('ignores unknown hours and availability rather than guessing', () => {
    const slots = search([person('x', 'UTC', null, null), berlin()], '2026-03-09T00:00', '2026-03-10T00:00');
    expect(slots.length).toBe(15); // Berlin 08:00-16:00 UTC, hour-long on the half hour
  });

  it('refuses a non-positive duration or step', () => {
    expect(() => search([berlin()], '2026-03-09T00:00', '2026-03-10T00:00', { durationMinutes: 0 })).toThrow(RangeError);
    expect(() => search([berlin()], '2026-03-09T00:00', '2026-03-10T00:00', { stepMinutes: -15 })).toThrow(RangeError);
    expect(() => search([berlin()], '2026-03-09T00:00', '2026-03-10T00:00', { durationMinutes: Number.NaN })).toThrow(RangeError);
  });
});

describe('busyIntervals', () => {
  it('counts changed occurrences by their own show-as and skips unreadable events', () => {
    const range = { fromMs: utc('2026-03-02T00:00'), toMs: utc('2026-03-07T00:00') };
    const series = ev('s', '2026-03-02T10:00', '2026-03-02T11:00', 'UTC', { rrule: 'FREQ=DAILY;COUNT=3' });
    const moved = { ...ev('s', '2026-03-03T15:00', '2026-03-03T16:00', 'UTC', { showAs: 'tentative' }), recurrenceId: '2026-03-03T10:00:00' };
    const broken = ev('bad', 'not a time', '2026-03-02T11:00', 'UTC');
    expect(busyIntervals([series, moved, broken], range, 'UTC').map((b) => [iso(b.startMs), b.kind])).toEqual([
      ['2026-03-02T10:00', 'busy'],
      ['2026-03-03T15:00', 'tentative'],
      ['2026-03-04T10:00', 'busy'],
    ]);
  });
});
