import { describe, expect, it } from 'vitest';
import { defaultWhat, MAX_TITLE, type EventWhen } from '../../src/shared/model/CalendarEvent';
import { assertValidEvent, EventValidationError, validateEvent, type ValidateEventInput } from '../../src/shared/model/validateEvent';

function event(when: Partial<EventWhen> = {}, rest: Partial<ValidateEventInput> = {}): ValidateEventInput {
  return {
    when: { start: '2026-03-16T10:00', end: '2026-03-16T11:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [], ...when },
    what: defaultWhat('Team sync'),
    reminders: [15],
    ...rest,
  };
}

describe('validateEvent', () => {
  it('accepts ordinary events', () => {
    expect(validateEvent(event())).toEqual([]);
    expect(validateEvent(event({ start: '2026-03-16', end: '2026-03-17', tzid: null, allDay: true, rrule: 'FREQ=YEARLY' }))).toEqual([]);
    expect(validateEvent(event({ tzid: null, rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270630T215959Z', exdates: ['2026-03-18T10:00'] }))).toEqual([]);
    expect(validateEvent(event({}, { who: { organizer: { email: 'ana@example.org', name: 'Ana', role: 'chair', response: 'accepted' }, attendees: [] } }))).toEqual([]);
  });

  it('refuses an end before the start, and an end equal to the start of a timed event', () => {
    expect(validateEvent(event({ end: '2026-03-16T09:00' }))).toEqual(['The event ends (2026-03-16T09:00) before it starts (2026-03-16T10:00)']);
    expect(validateEvent(event({ end: '2026-03-16T10:00:00' }))).toEqual(['The event ends when it starts (2026-03-16T10:00); the end must be after the start']);
    expect(validateEvent(event({ start: '2026-03-16', end: '2026-03-15', tzid: null, allDay: true }))).toEqual(['The event ends (2026-03-15) before it starts (2026-03-16)']);
    expect(validateEvent(event({ start: '2026-03-16', end: '2026-03-16', tzid: null, allDay: true }))).toEqual([]);
  });

  it('compares instants in the zone, so a start in the spring gap moves past an early end', () => {
    expect(validateEvent(event({ start: '2026-03-29T01:30', end: '2026-03-29T03:00' }))).toEqual([]);
    // 02:30 does not exist on 29 Mar in Berlin and means 03:30, which is after 03:15.
    expect(validateEvent(event({ start: '2026-03-29T02:30', end: '2026-03-29T03:15' }))).toEqual(['The event ends (2026-03-29T03:15) before it starts (2026-03-29T02:30)']);
  });

  it('refuses malformed dates and the wrong form for the all-day flag', () => {
    expect(validateEvent(event({ start: '2026-02-30T10:00' }))).toEqual(['Start "2026-02-30T10:00" is not a date and time (YYYY-MM-DDTHH:mm)']);
    expect(validateEvent(event({ start: '2026-03-16', end: '2026-03-17' }))).toEqual([
      'Start "2026-03-16" is not a date and time (YYYY-MM-DDTHH:mm)',
      'End "2026-03-17" is not a date and time (YYYY-MM-DDTHH:mm)',
    ]);
    expect(validateEvent(event({ allDay: true, tzid: null }))).toContain('Start "2026-03-16T10:00" is not a date (YYYY-MM-DD)');
    expect(validateEvent(event({ rrule: 'FREQ=DAILY', exdates: ['yesterday'] }))).toEqual(['Excluded date "yesterday" is not a date and time (YYYY-MM-DDTHH:mm)']);
  });

  it('refuses an unknown time zone', () => {
    expect(validateEvent(event({ tzid: 'Europe/Berln' }))).toEqual(['Unknown time zone "Europe/Berln"']);
  });

  it('explains a rule that cannot be read', () => {
    expect(validateEvent(event({ rrule: 'FREQ=WEEKLY;BYDAY=FUNDAY' }))).toEqual(['Cannot read the repeat rule "FREQ=WEEKLY;BYDAY=FUNDAY": BYDAY has "FUNDAY", expected a weekday such as MO, 2TU or -1FR']);
  });

  it('refuses a rule that never produces an occurrence', () => {
    expect(validateEvent(event({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' }))).toEqual(['The repeat rule "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" never produces an occurrence']);
    expect(validateEvent(event({ rrule: 'FREQ=WEEKLY;UNTIL=20260101' }))).toEqual(['The repeat rule ends (2026-01-01) before the event starts (2026-03-16)']);
  });

  it('refuses a series whose every occurrence is excluded', () => {
    expect(validateEvent(event({ rrule: 'FREQ=DAILY;COUNT=2', exdates: ['2026-03-16T10:00', '2026-03-17T10:00'] }))).toEqual(['Every occurrence of the series is excluded']);
  });

  it('reports text over the limits with its size', () => {
    const huge = 'x'.repeat(1_048_576);
    expect(validateEvent(event({}, { what: { ...defaultWhat(huge) } }))).toEqual(['Title is 1,048,576 characters; the limit is 1,000']);
    expect(validateEvent(event({}, { what: { ...defaultWhat('ok'), location: 'y'.repeat(1_001), description: 'z'.repeat(64_001) } }))).toEqual([
      'Location is 1,001 characters; the limit is 1,000',
      'Description is 64,001 characters; the limit is 64,000',
    ]);
    // Emoji count as one character each.
    expect(validateEvent(event({}, { what: defaultWhat('😀'.repeat(MAX_TITLE)) }))).toEqual([]);
  });

  it('refuses bad reminders', () => {
    expect(validateEvent(event({}, { reminders: [-5, 1.5, 60 * 24 * 29, 10, 10] }))).toEqual([
      'Reminder "-5" is not valid: a reminder is a whole number of minutes from 0 to 40,320 (4 weeks) before the start',
      'Reminder "1.5" is not valid: a reminder is a whole number of minutes from 0 to 40,320 (4 weeks) before the start',
      'Reminder "41760" is not valid: a reminder is a whole number of minutes from 0 to 40,320 (4 weeks) before the start',
      'The reminder 10 minutes before the start is set twice',
    ]);
    expect(validateEvent(event({}, { reminders: Array.from({ length: 11 }, (_, i) => i) }))).toEqual(['11 reminders; the limit is 10']);
  });

  it('refuses bad people', () => {
    const a = (email: string) => ({ email, name: '', role: 'required' as const, response: 'needs-action' as const });
    expect(validateEvent(event({}, { who: { organizer: null, attendees: [a('bob@example.org'), a('BOB@example.org'), a('not-an-address')] } }))).toEqual([
      '"BOB@example.org" is invited twice',
      '"not-an-address" is not an email address',
    ]);
  });

  it('reports shape problems from the schemas instead of crashing', () => {
    const bad = { when: { start: 5 }, what: null, reminders: 'soon' } as unknown as ValidateEventInput;
    const problems = validateEvent(bad);
    expect(problems.some((p) => p.startsWith('when.start:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('what:'))).toBe(true);
    expect(problems).toContain('Reminders must be a list of minutes before the start');
  });
});

describe('assertValidEvent', () => {
  it('passes valid events and throws every problem at once', () => {
    expect(() => assertValidEvent(event())).not.toThrow();
    try {
      assertValidEvent(event({ tzid: 'Nowhere/Land' }, { reminders: [-1] }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EventValidationError);
      expect((e as EventValidationError).problems).toHaveLength(2);
      expect((e as Error).message).toContain('Unknown time zone "Nowhere/Land"');
    }
  });
});
