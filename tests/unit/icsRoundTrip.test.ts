import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../src/shared/model/CalendarEvent';
import { validateEvent } from '../../src/shared/model/validateEvent';
import { exportIcs } from '../../src/shared/ics/exportIcs';
import { foldLine } from '../../src/shared/ics/icsText';
import { parseIcs } from '../../src/shared/ics/parseIcs';

const pad = (n: number): string => String(n).padStart(2, '0');
const ZONES = [null, 'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'] as const;
const text = fc.string({ unit: 'grapheme', maxLength: 120 }).map((s) => s.replace(/\r\n?/g, '\n'));
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), fc.constantFrom('example.com', 'tessera.test')).map(([a, b]) => `${a}@${b}`);
const person = fc.record({
  email,
  name: fc.string({ maxLength: 30 }).map((s) => s.replace(/["\r\n]/g, '').trim()),
  role: fc.constantFrom('required', 'optional', 'chair'),
  response: fc.constantFrom('needs-action', 'accepted', 'tentative', 'declined'),
});

const event: fc.Arbitrary<CalendarEvent> = fc
  .record({
    uid: fc.stringMatching(/^[A-Za-z0-9@._-]{1,40}$/),
    day: fc.integer({ min: 0, max: 3000 }),
    minute: fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
    length: fc.integer({ min: 1, max: 96 }).map((q) => q * 15),
    allDay: fc.boolean(),
    zone: fc.constantFrom(...ZONES),
    rrule: fc.constantFrom(null, 'FREQ=DAILY;COUNT=5', 'FREQ=WEEKLY;BYDAY=MO,WE', 'FREQ=MONTHLY;BYMONTHDAY=1;COUNT=12'),
    title: text,
    location: text,
    description: text,
    categories: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''), { maxLength: 3 }),
    showAs: fc.constantFrom('free', 'tentative', 'busy', 'oof', 'workingElsewhere'),
    private: fc.boolean(),
    organizer: fc.option(person.map((p) => ({ ...p, role: 'chair' as const, response: 'accepted' as const })), { nil: null }),
    attendees: fc.uniqueArray(person, { maxLength: 4, selector: (p) => p.email.toLowerCase() }),
    reminders: fc.uniqueArray(fc.integer({ min: 0, max: 40_320 }), { maxLength: 3 }).map((r) => r.sort((a, b) => a - b)),
  })
  .map((r): CalendarEvent => {
    const d = new Date(Date.UTC(2024, 0, 1) + r.day * 86_400_000);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const endWall = new Date(Date.UTC(2024, 0, 1) + r.day * 86_400_000 + (r.minute + r.length) * 60_000);
    const endDate = `${endWall.getUTCFullYear()}-${pad(endWall.getUTCMonth() + 1)}-${pad(endWall.getUTCDate())}`;
    const start = r.allDay ? date : `${date}T${pad(Math.floor(r.minute / 60))}:${pad(r.minute % 60)}:00`;
    const end = r.allDay
      ? new Date(Date.UTC(2024, 0, 1) + (r.day + 1 + (r.length % 3)) * 86_400_000).toISOString().slice(0, 10)
      : `${endDate}T${pad(endWall.getUTCHours())}:${pad(endWall.getUTCMinutes())}:00`;
    return {
      uid: r.uid,
      recurrenceId: null,
      when: { start, end, tzid: r.allDay ? null : r.zone, allDay: r.allDay, rrule: r.rrule, exdates: [], rdates: [] },
      what: { title: r.title, location: r.location, description: r.description, categories: r.categories, showAs: r.showAs, private: r.private },
      who: { organizer: r.organizer, attendees: r.attendees },
      reminders: r.reminders,
    };
  })
  .filter((e) => validateEvent(e).length === 0);

describe('ICS export round trip', () => {
  it('parse(export(events)) gives the events back', () => {
    fc.assert(
      fc.property(fc.uniqueArray(event, { maxLength: 8, selector: (e) => e.uid }), (events) => {
        const back = parseIcs(exportIcs({ calendarName: 'Generated', events, stampMs: 0 }));
        expect(back.skipped).toEqual([]);
        expect(back.events).toEqual(events);
      }),
      { numRuns: 150, seed: 5 },
    );
  });

  it('folds at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(50)}${'🎉'.repeat(30)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('exports only what meets a range, a series with its changed occurrences', () => {
    const { events } = parseIcs(
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT', 'UID:in', 'DTSTART:20260301T100000Z', 'DURATION:PT1H', 'END:VEVENT',
        'BEGIN:VEVENT', 'UID:out', 'DTSTART:20260401T100000Z', 'DURATION:PT1H', 'END:VEVENT',
        'BEGIN:VEVENT', 'UID:series', 'DTSTART:20260201T100000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY', 'END:VEVENT',
        'BEGIN:VEVENT', 'UID:series', 'RECURRENCE-ID:20260208T100000Z', 'DTSTART:20260208T120000Z', 'DURATION:PT1H', 'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    const out = parseIcs(exportIcs({ calendarName: 'R', events, range: { fromMs: Date.UTC(2026, 2, 1), toMs: Date.UTC(2026, 2, 2) } }));
    expect(out.events.map((e) => `${e.uid}#${e.recurrenceId}`)).toEqual(['in#null', 'series#null', 'series#2026-02-08T10:00:00']);
  });
});
