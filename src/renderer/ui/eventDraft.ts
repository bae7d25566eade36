import { defaultWhat, type CalendarEvent, type ShowAs } from '../../shared/model/CalendarEvent';
import type { EventInput } from '../replica/CalendarStore';
import { noRecurrence, recurrenceFromRRule, recurrenceToRRule, type RecurrenceDraft } from './recurrenceDraft';
import { reminderFromMinutes, reminderToMinutes, type ReminderDraft } from './reminderDraft';
import { problemsOf } from './problemsOf';
import { addDays, addWallMinutes, splitWall, wallMinutesBetween } from './wallTime';

/**
 * What the editor dialog edits: the event's fields in the shape of its inputs
 * (separate date and time, an inclusive end date for all-day events as people
 * read them), converted to and from the model at the edges.
 */
export interface EventDraft {
  calendarId: string;
  title: string;
  location: string;
  description: string;
  allDay: boolean;
  startDate: string;
  startTime: string;
  /** For all-day events the last day (inclusive); the model stores the day after. */
  endDate: string;
  endTime: string;
  /** IANA zone of the wall times; null keeps a floating event floating. */
  tzid: string | null;
  showAs: ShowAs;
  private: boolean;
  categories: string[];
  reminders: ReminderDraft[];
  recurrence: RecurrenceDraft;
}

/** The stored event an edit started from. */
export interface EditTarget {
  calendarId: string;
  uid: string;
  /** Set when a single occurrence of a series was opened. */
  recurrenceId: string | null;
  /** The event as opened (for an occurrence: that occurrence). */
  event: CalendarEvent;
  /** The series master when the event belongs to a series, else null. */
  master: CalendarEvent | null;
}

export const DEFAULT_REMINDER_MINUTES = 15;

/** A new event's draft; `start`/`end` are wall times in `tzid`, or dates for all-day. */
export function newDraft(calendarId: string, start: string, end: string, allDay: boolean, tzid: string): EventDraft {
  const s = splitWall(start);
  const e = splitWall(end);
  return {
    calendarId,
    ...defaultWhat(),
    allDay,
    startDate: s.date,
    startTime: allDay ? '09:00' : s.time,
    endDate: allDay ? maxDate(s.date, addDays(e.date, -1)) : e.date,
    endTime: allDay ? '10:00' : e.time,
    tzid,
    reminders: allDay ? [] : [reminderFromMinutes(DEFAULT_REMINDER_MINUTES)],
    recurrence: noRecurrence(s.date),
  };
}

export function draftFromEvent(target: EditTarget, displayZone: string): EventDraft {
  const { event, master } = target;
  const when = event.when;
  const s = splitWall(when.start);
  const e = splitWall(when.end);
  // An occurrence opened on its own shows the series' rule, so "whole series" edits can change it.
  const rule = master?.when.rrule ?? when.rrule;
  return {
    calendarId: target.calendarId,
    title: event.what.title,
    location: event.what.location,
    description: event.what.description,
    allDay: when.allDay,
    startDate: s.date,
    startTime: when.allDay ? '09:00' : s.time,
    endDate: when.allDay ? maxDate(s.date, addDays(e.date, -1)) : e.date,
    endTime: when.allDay ? '10:00' : e.time,
    tzid: when.allDay ? displayZone : when.tzid,
    showAs: event.what.showAs,
    private: event.what.private,
    categories: [...event.what.categories],
    reminders: event.reminders.map(reminderFromMinutes),
    recurrence: recurrenceFromRRule(rule, (master ?? event).when.start.slice(0, 10), when.tzid),
  };
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

export interface DraftResult {
  input: EventInput | null;
  /** Problems found before the store is asked (inputs that cannot be read at all). */
  problems: string[];
}

/** The draft as store input. `target` supplies the fields the editor does not show (attendees, exceptions). */
export function draftToInput(d: EventDraft, target: EditTarget | null): DraftResult {
  const problems: string[] = [];
  if (!d.startDate) problems.push('Enter a start date.');
  if (!d.endDate) problems.push('Enter an end date.');
  if (!d.allDay && !d.startTime) problems.push('Enter a start time.');
  if (!d.allDay && !d.endTime) problems.push('Enter an end time.');
  if (d.reminders.some((r) => !Number.isFinite(r.amount) || r.amount < 0)) problems.push('Reminders need a number of zero or more.');
  if (d.recurrence.freq !== 'none' && d.recurrence.freq !== 'custom') {
    if (!Number.isInteger(d.recurrence.interval) || d.recurrence.interval < 1) problems.push('Repeat every: enter a whole number of 1 or more.');
    if (d.recurrence.ends === 'count' && (!Number.isInteger(d.recurrence.count) || d.recurrence.count < 1)) problems.push('Ends after: enter a whole number of occurrences, 1 or more.');
    if (d.recurrence.ends === 'until' && !d.recurrence.until) problems.push('Ends on: enter a date.');
  }
  if (problems.length > 0) return { input: null, problems };

  const start = d.allDay ? d.startDate : `${d.startDate}T${d.startTime}:00`;
  const end = d.allDay ? addDays(d.endDate, 1) : `${d.endDate}T${d.endTime}:00`;
  const tzid = d.allDay ? null : d.tzid;
  const base = target?.master ?? target?.event ?? null;
  const seriesStart = base?.when.start.slice(0, 10) ?? d.startDate;
  // A monthly "second Tuesday" rule is anchored on the series' first date, not on the occurrence opened.
  const anchor = target?.master ? seriesStart : d.startDate;
  let rrule: string | null;
  try {
    rrule = recurrenceToRRule(d.recurrence, anchor, d.allDay, tzid);
  } catch (err) {
    return { input: null, problems: problemsOf(err) };
  }
  const unchangedRule = base !== null && d.recurrence.raw !== null && rrule === rerender(d.recurrence.raw, seriesStart, d.allDay, tzid);
  return {
    problems,
    input: {
      when: {
        start,
        end,
        tzid,
        allDay: d.allDay,
        // Write the stored rule back byte for byte when the person did not change it.
        rrule: unchangedRule ? base.when.rrule : rrule,
        exdates: base && rrule ? base.when.exdates : [],
        rdates: base && rrule ? base.when.rdates : [],
      },
      what: {
        title: d.title,
        location: d.location,
        description: d.description,
        categories: d.categories,
        showAs: d.showAs,
        private: d.private,
      },
      who: target?.event.who,
      reminders: [...new Set(d.reminders.map(reminderToMinutes))].sort((a, b) => a - b),
    },
  };
}

/** A stored rule as the editor would write it back if left untouched; null when it cannot. */
function rerender(raw: string, startDate: string, allDay: boolean, tzid: string | null): string | null {
  try {
    return recurrenceToRRule(recurrenceFromRRule(raw, startDate, tzid), startDate, allDay, tzid);
  } catch {
    return null;
  }
}

/** Whether the draft's times differ from the event as opened. */
export function timesChanged(input: EventInput, target: EditTarget): boolean {
  const w = target.event.when;
  return norm(input.when.start) !== norm(w.start) || norm(input.when.end) !== norm(w.end) || input.when.allDay !== w.allDay || input.when.tzid !== w.tzid;
}

const norm = (s: string) => (s.length === 16 ? `${s}:00` : s.slice(0, 19));

/**
 * For "this and following" or "whole series" edits opened from an occurrence:
 * the engine moves the series by the distance from the occurrence's original
 * start to the new start, so when the times were not touched the input starts
 * at the original start (an occurrence moved earlier must not drag the series with it).
 */
export function anchorToOccurrence(input: EventInput, target: EditTarget): EventInput {
  if (!target.master || target.recurrenceId === null || timesChanged(input, target)) return input;
  const m = target.master.when;
  if (m.allDay !== input.when.allDay) return input;
  const start = target.recurrenceId;
  const end = m.allDay ? addDays(start.slice(0, 10), Math.max(1, Math.round(wallMinutesBetween(m.start, m.end) / 1440))) : addWallMinutes(start, wallMinutesBetween(m.start, m.end));
  return { ...input, when: { ...input.when, start, end } };
}
