import { describe, expect, it } from 'vitest';
import { defaultWhat, EMPTY_WHO, type CalendarEvent, type EventWhen } from '../../src/shared/model/CalendarEvent';
import { expandForReminders, type ReminderSource } from '../../src/shared/reminders/expandForReminders';
import { pruneReminderStates, KEEP_DISMISSED_MS } from '../../src/shared/reminders/pruneReminderStates';
import { reminderInstanceId } from '../../src/shared/reminders/reminderInstanceId';
import { personalReminderKey, reminderStateSchema, personalRemindersSchema, type ReminderState } from '../../src/shared/reminders/ReminderState';
import { scheduleReminders, type ScheduleInput } from '../../src/shared/reminders/scheduleReminders';
import { notificationKey, splitNewlyDue } from '../../src/shared/reminders/splitNewlyDue';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function when(start: string, end: string, tzid: string | null, extra: Partial<EventWhen> = {}): EventWhen {
  return { start, end, tzid, allDay: false, rrule: null, exdates: [], rdates: [], ...extra };
}

function event(uid: string, w: EventWhen, reminders: number[], title = uid, recurrenceId: string | null = null): CalendarEvent {
  return { uid, recurrenceId, when: w, what: defaultWhat(title), who: EMPTY_WHO, reminders };
}

function single(calendarId: string, ev: CalendarEvent): ReminderSource {
  return { calendarId, master: ev, overrides: new Map() };
}

interface Options {
  own?: string[];
  muted?: string[];
  personal?: [string, number[]][];
  states?: [string, ReminderState][];
  zone?: string;
  nowMs: number;
  sinceMs?: number;
  untilMs?: number;
}

function schedule(sources: ReminderSource[], o: Options) {
  const ownCalendars = new Set(o.own ?? ['mine']);
  const personal = new Map(o.personal ?? []);
  const zone = o.zone ?? 'UTC';
  const sinceMs = o.sinceMs ?? o.nowMs - 7 * DAY;
  const untilMs = o.untilMs ?? o.nowMs + DAY;
  const occurrences = expandForReminders(sources, { sinceMs, untilMs, zone, ownCalendars, personal });
  const input: ScheduleInput = { occurrences, personal, states: new Map(o.states ?? []), ownCalendars, muted: new Set(o.muted ?? []), zone, nowMs: o.nowMs, sinceMs, untilMs };
  return scheduleReminders(input);
}

const T0 = Date.UTC(2026, 5, 10, 8, 0); // 2026-06-10 08:00 UTC

describe('scheduleReminders', () => {
  const meeting = event('m1', when('2026-06-10T10:00', '2026-06-10T11:00', 'UTC'), [30], 'Standup');

  it('own calendar: the owner reminder is upcoming, then due at start minus minutes', () => {
    const before = schedule([single('mine', meeting)], { nowMs: T0 });
    expect(before.due).toEqual([]);
    expect(before.upcoming.map((r) => [r.title, r.minutes, new Date(r.fireAtMs).toISOString(), r.source])).toEqual([['Standup', 30, '2026-06-10T09:30:00.000Z', 'owner']]);
    const after = schedule([single('mine', meeting)], { nowMs: Date.UTC(2026, 5, 10, 9, 30) });
    expect(after.due.map((r) => r.id)).toEqual([reminderInstanceId('mine', 'm1', '2026-06-10T10:00:00', 30)]);
    expect(after.upcoming).toEqual([]);
  });

  it('someone else’s calendar: the owner’s reminder never fires for the person; their personal one does', () => {
    expect(schedule([single('theirs', meeting)], { nowMs: T0 }).upcoming).toEqual([]);
    const withPersonal = schedule([single('theirs', meeting)], { nowMs: T0, personal: [[personalReminderKey('theirs', 'm1'), [60]]] });
    expect(withPersonal.upcoming.map((r) => [r.minutes, r.source, new Date(r.fireAtMs).toISOString()])).toEqual([[60, 'personal', '2026-06-10T09:00:00.000Z']]);
  });

  it('own calendar with "show reminders" off reminds of nothing', () => {
    expect(schedule([single('mine', meeting)], { nowMs: T0, muted: ['mine'] }).upcoming).toEqual([]);
  });

  it('a dismissed instance is gone; a snoozed one is due again when the snooze ends', () => {
    const id = reminderInstanceId('mine', 'm1', '2026-06-10T10:00:00', 30);
    const now = Date.UTC(2026, 5, 10, 9, 35);
    expect(schedule([single('mine', meeting)], { nowMs: now, states: [[id, { dismissedAt: now }]] })).toEqual({ due: [], upcoming: [] });
    const snoozedUntil = now + 10 * MIN;
    const snoozed = schedule([single('mine', meeting)], { nowMs: now, states: [[id, { snoozedUntil }]] });
    expect(snoozed.due).toEqual([]);
    expect(snoozed.upcoming.map((r) => [r.snoozed, r.dueAtMs])).toEqual([[true, snoozedUntil]]);
    const later = schedule([single('mine', meeting)], { nowMs: snoozedUntil, states: [[id, { snoozedUntil }]] });
    expect(later.due.map((r) => [r.id, r.dueAtMs])).toEqual([[id, snoozedUntil]]);
  });

  it('missed reminders (due while asleep or closed) are reported once, apart from the ones firing now', () => {
    const early = event('e1', when('2026-06-10T06:00', '2026-06-10T06:30', 'UTC'), [15], 'Early');
    const now = Date.UTC(2026, 5, 10, 9, 30, 30);
    const { due } = schedule([single('mine', early), single('mine', meeting)], { nowMs: now });
    expect(due.map((r) => r.title)).toEqual(['Early', 'Standup']);
    const first = splitNewlyDue(due, new Set(), now);
    expect(first.missed.map((r) => r.title)).toEqual(['Early']);
    expect(first.onTime.map((r) => r.title)).toEqual(['Standup']);
    const shown = new Set(due.map(notificationKey));
    expect(splitNewlyDue(due, shown, now + MIN)).toEqual({ onTime: [], missed: [] });
  });

  it('nothing older than `since` is reported', () => {
    const old = event('o1', when('2026-06-01T06:00', '2026-06-01T06:30', 'UTC'), [15]);
    expect(schedule([single('mine', old)], { nowMs: T0, sinceMs: T0 - DAY }).due).toEqual([]);
  });

  it('an item starting after `since` whose reminder time already passed is due at once (made 10 minutes ahead with 30 minutes)', () => {
    const now = Date.UTC(2026, 5, 10, 9, 50);
    const soon = event('s1', when('2026-06-10T10:00', '2026-06-10T11:00', 'UTC'), [30], 'Soon');
    // The device first ran two minutes ago: the reminder (09:30) is older than that, the item is not.
    expect(schedule([single('mine', soon)], { nowMs: now, sinceMs: now - 2 * MIN }).due.map((r) => r.title)).toEqual(['Soon']);
    // An item that itself began before the cut-off stays unreported.
    const began = event('s2', when('2026-06-10T09:40', '2026-06-10T11:00', 'UTC'), [30], 'Began');
    expect(schedule([single('mine', began)], { nowMs: now, sinceMs: now - 2 * MIN }).due).toEqual([]);
  });

  it('keeps wall time across a DST change: a daily 09:00 Berlin meeting reminds at 08:45 local on both sides', () => {
    const series = event('d1', when('2026-03-27T09:00', '2026-03-27T09:30', 'Europe/Berlin', { rrule: 'FREQ=DAILY;COUNT=5' }), [15]);
    const now = Date.UTC(2026, 2, 27, 0, 0);
    const { upcoming } = schedule([single('mine', series)], { nowMs: now, untilMs: now + 4 * DAY });
    expect(upcoming.map((r) => new Date(r.fireAtMs).toISOString())).toEqual(['2026-03-27T07:45:00.000Z', '2026-03-28T07:45:00.000Z', '2026-03-29T06:45:00.000Z', '2026-03-30T06:45:00.000Z']);
  });

  it('all-day items remind relative to local midnight in the person’s zone', () => {
    const holiday = event('a1', { ...when('2026-06-12', '2026-06-13', null), allDay: true }, [15 * 60], 'Holiday');
    const now = Date.UTC(2026, 5, 10, 12, 0);
    const ny = schedule([single('mine', holiday)], { nowMs: now, zone: 'America/New_York', untilMs: now + 2 * DAY });
    // Midnight 12 June in New York is 04:00 UTC; 15 hours before is 13:00 UTC on the 11th (09:00 local).
    expect(ny.upcoming.map((r) => new Date(r.fireAtMs).toISOString())).toEqual(['2026-06-11T13:00:00.000Z']);
    const tokyo = schedule([single('mine', holiday)], { nowMs: now, zone: 'Asia/Tokyo', untilMs: now + 2 * DAY });
    expect(tokyo.upcoming.map((r) => new Date(r.fireAtMs).toISOString())).toEqual(['2026-06-11T00:00:00.000Z']);
  });

  it('series with exceptions: a deleted occurrence has no reminder, a moved one reminds at its new time with its own reminders', () => {
    const master = event('s1', when('2026-06-08T10:00', '2026-06-08T11:00', 'UTC', { rrule: 'FREQ=DAILY;COUNT=5', exdates: ['2026-06-09T10:00:00'] }), [10], 'Daily');
    const moved = event('s1', when('2026-06-10T14:00', '2026-06-10T15:00', 'UTC'), [5], 'Daily (moved)', '2026-06-10T10:00:00');
    const source: ReminderSource = { calendarId: 'mine', master, overrides: new Map([['2026-06-10T10:00:00', moved]]) };
    const now = Date.UTC(2026, 5, 8, 0, 0);
    const { upcoming } = schedule([source], { nowMs: now, untilMs: now + 4 * DAY });
    expect(upcoming.map((r) => [r.title, new Date(r.fireAtMs).toISOString(), r.key])).toEqual([
      ['Daily', '2026-06-08T09:50:00.000Z', 's1'],
      ['Daily (moved)', '2026-06-10T13:55:00.000Z', 's1#2026-06-10T10:00:00'],
      ['Daily', '2026-06-11T09:50:00.000Z', 's1'],
    ]);
    // A personal reminder on the series (its UID) covers every occurrence, the moved one included.
    const theirs: ReminderSource = { ...source, calendarId: 'theirs' };
    const personal = schedule([theirs], { nowMs: now, untilMs: now + 4 * DAY, personal: [[personalReminderKey('theirs', 's1'), [60]]] });
    expect(personal.upcoming.map((r) => new Date(r.fireAtMs).toISOString())).toEqual(['2026-06-08T09:00:00.000Z', '2026-06-10T13:00:00.000Z', '2026-06-11T09:00:00.000Z']);
  });

  it('ids are the same whatever zone the device is in, so a dismissal holds on every device', () => {
    const a = schedule([single('mine', meeting)], { nowMs: T0, zone: 'Asia/Shanghai' }).upcoming[0]!;
    const b = schedule([single('mine', meeting)], { nowMs: T0, zone: 'America/New_York' }).upcoming[0]!;
    expect(a.id).toBe(b.id);
  });
});

describe('overlay values', () => {
  it('parses states and personal reminders, refusing bad ones', () => {
    expect(reminderStateSchema.safeParse({ dismissedAt: 5 }).success).toBe(true);
    expect(reminderStateSchema.safeParse({ snoozedUntil: 5 }).success).toBe(true);
    expect(reminderStateSchema.safeParse({ snoozedUntil: -1 }).success).toBe(false);
    expect(reminderStateSchema.safeParse({ dismissedAt: 1, snoozedUntil: 2 }).success).toBe(false);
    expect(reminderStateSchema.safeParse('dismissed').success).toBe(false);
    expect(personalRemindersSchema.safeParse([60]).success).toBe(true);
    expect(personalRemindersSchema.safeParse([-5]).success).toBe(false);
    expect(personalRemindersSchema.safeParse([1.5]).success).toBe(false);
    expect(personalRemindersSchema.safeParse(new Array(9).fill(5)).success).toBe(false);
  });

  it('prunes dismissals and snoozes older than the keep period', () => {
    const now = T0;
    const states = new Map<string, ReminderState>([
      ['old', { dismissedAt: now - KEEP_DISMISSED_MS - 1 }],
      ['recent', { dismissedAt: now - DAY }],
      ['oldSnooze', { snoozedUntil: now - KEEP_DISMISSED_MS - 1 }],
      ['snooze', { snoozedUntil: now + HOUR }],
    ]);
    expect(pruneReminderStates(states, now).sort()).toEqual(['old', 'oldSnooze']);
  });
});
