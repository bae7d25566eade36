import type { z } from 'zod';
import { firstRuleOccurrence } from '../recurrence/firstRuleOccurrence';
import { parseRRule } from '../recurrence/parseRRule';
import { seriesBounds } from '../recurrence/seriesBounds';
import { isValidZone } from '../time/isValidZone';
import { parseLocal, wallOfParts } from '../time/parseLocal';
import { wallToEpoch } from '../time/wallToEpoch';
import {
  MAX_DESCRIPTION,
  MAX_LOCATION,
  MAX_TITLE,
  whatSchema,
  whenSchema,
  whoSchema,
  type EventWhat,
  type EventWhen,
  type EventWho,
  type Reminders,
} from './CalendarEvent';

/** Limits for what CalendarEvent.ts does not bound; generous, but a single event cannot carry megabytes. */
export const MAX_REMINDERS = 10;
export const MAX_CATEGORIES = 50;
export const MAX_CATEGORY_NAME = 100;
export const MAX_ATTENDEES = 1_000;
export const MAX_RECURRENCE_DATES = 5_000;
/** 4 weeks, matching remindersSchema in CalendarEvent.ts. */
const MAX_REMINDER_MINUTES = 60 * 24 * 28;

export interface ValidateEventInput {
  when: EventWhen;
  what: EventWhat;
  who?: EventWho;
  reminders: Reminders;
}

/** Thrown by assertValidEvent; `problems` holds every message, for the form to show them all. */
export class EventValidationError extends Error {
  override name = 'EventValidationError';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid event: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

const n = (x: number): string => x.toLocaleString('en-US');

/** Characters as people count them: an emoji is one, not two UTF-16 units. */
export function charCount(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) count++;
  }
  return count;
}

function shapeProblems(group: string, result: z.ZodSafeParseResult<unknown>): string[] {
  if (result.success) return [];
  return result.error.issues.map((i) => `${[group, ...i.path.map(String)].join('.')}: ${i.message}`);
}

function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

function whenProblems(when: EventWhen): string[] {
  const problems: string[] = [];
  const form = when.allDay ? 'a date (YYYY-MM-DD)' : 'a date and time (YYYY-MM-DDTHH:mm)';
  const read = (label: string, value: string) => {
    const p = parseLocal(value);
    if (p === null || p.dateOnly !== when.allDay) {
      problems.push(`${label} ${quote(value)} is not ${form}`);
      return null;
    }
    return p;
  };
  const start = read('Start', when.start);
  const end = read('End', when.end);
  const zoneOk = when.allDay || when.tzid === null || isValidZone(when.tzid);
  if (!zoneOk) problems.push(`Unknown time zone ${quote(when.tzid as string)}`);
  if (start && end) {
    if (when.allDay || when.tzid === null || !zoneOk) {
      const s = wallOfParts(start);
      const e = wallOfParts(end);
      if (e < s) problems.push(`The event ends (${when.end}) before it starts (${when.start})`);
      else if (e === s && !when.allDay) problems.push(`The event ends when it starts (${when.start}); the end must be after the start`);
    } else {
      const s = wallToEpoch(wallOfParts(start), when.tzid);
      const e = wallToEpoch(wallOfParts(end), when.tzid);
      if (e < s) problems.push(`The event ends (${when.end}) before it starts (${when.start})`);
      else if (e === s) problems.push(`The event ends when it starts (${when.start}); the end must be after the start`);
    }
  }
  for (const [label, list] of [['Excluded date', when.exdates], ['Extra date', when.rdates]] as const) {
    if (list.length > MAX_RECURRENCE_DATES) problems.push(`${label}s: ${n(list.length)} given; the limit is ${n(MAX_RECURRENCE_DATES)}`);
    for (const d of list.slice(0, MAX_RECURRENCE_DATES)) read(label, d);
  }
  const rrule = when.rrule;
  if (rrule) {
    let ruleOk = true;
    try {
      const rule = parseRRule(rrule);
      if (rule.until !== null && start) {
        const untilDate = rule.until.slice(0, 10);
        const startDate = when.start.slice(0, 10);
        if (untilDate < startDate) {
          problems.push(`The repeat rule ends (${untilDate}) before the event starts (${startDate})`);
          ruleOk = false;
        }
      }
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
      ruleOk = false;
    }
    if (ruleOk && start && zoneOk) {
      if (firstRuleOccurrence(when, 'UTC') === null) problems.push(`The repeat rule ${quote(rrule)} never produces an occurrence`);
    }
  }
  if ((rrule || when.rdates.length) && start && end && zoneOk && problems.length === 0) {
    if (seriesBounds(when, 'UTC').firstStartMs === Number.POSITIVE_INFINITY) problems.push('Every occurrence of the series is excluded');
  }
  return problems;
}

function lengthProblem(label: string, value: string, max: number): string[] {
  // Fast bound first: charCount walks the string, and an abusive value may be megabytes.
  if (value.length <= max) return [];
  const count = charCount(value);
  return count > max ? [`${label} is ${n(count)} characters; the limit is ${n(max)}`] : [];
}

function whatProblems(what: EventWhat): string[] {
  const problems = [
    ...lengthProblem('Title', what.title, MAX_TITLE),
    ...lengthProblem('Location', what.location, MAX_LOCATION),
    ...lengthProblem('Description', what.description, MAX_DESCRIPTION),
  ];
  if (what.categories.length > MAX_CATEGORIES) problems.push(`${n(what.categories.length)} categories; the limit is ${n(MAX_CATEGORIES)}`);
  for (const c of what.categories.slice(0, MAX_CATEGORIES)) problems.push(...lengthProblem(`Category ${quote(c)}`, c, MAX_CATEGORY_NAME));
  return problems;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function whoProblems(who: EventWho): string[] {
  const problems: string[] = [];
  if (who.attendees.length > MAX_ATTENDEES) problems.push(`${n(who.attendees.length)} attendees; the limit is ${n(MAX_ATTENDEES)}`);
  const people = who.organizer ? [who.organizer, ...who.attendees.slice(0, MAX_ATTENDEES)] : who.attendees.slice(0, MAX_ATTENDEES);
  const seen = new Set<string>();
  who.attendees.slice(0, MAX_ATTENDEES).forEach((a) => {
    const key = a.email.trim().toLowerCase();
    if (seen.has(key)) problems.push(`${quote(a.email)} is invited twice`);
    seen.add(key);
  });
  for (const p of people) {
    if (!EMAIL.test(p.email.trim())) problems.push(`${quote(p.email)} is not an email address`);
    problems.push(...lengthProblem(`The name of ${quote(p.email)}`, p.name, MAX_TITLE));
  }
  return problems;
}

function reminderProblems(reminders: unknown): string[] {
  if (!Array.isArray(reminders)) return ['Reminders must be a list of minutes before the start'];
  const problems: string[] = [];
  if (reminders.length > MAX_REMINDERS) problems.push(`${n(reminders.length)} reminders; the limit is ${MAX_REMINDERS}`);
  const seen = new Set<number>();
  for (const r of reminders.slice(0, MAX_REMINDERS)) {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r > MAX_REMINDER_MINUTES) {
      problems.push(`Reminder ${quote(String(r))} is not valid: a reminder is a whole number of minutes from 0 to ${n(MAX_REMINDER_MINUTES)} (4 weeks) before the start`);
    } else if (seen.has(r)) {
      problems.push(`The reminder ${r} minutes before the start is set twice`);
    } else seen.add(r);
  }
  return problems;
}

/**
 * Every reason an event cannot be saved, as sentences for the person editing it;
 * empty when it is valid. Checks shape (with the CalendarEvent.ts schemas), dates,
 * zone, the order of start and end, the repeat rule, text limits, people and reminders.
 * Input from outside the type system (IPC, imports) is fine: shape comes first.
 */
export function validateEvent(input: ValidateEventInput): string[] {
  const raw = (input ?? {}) as Partial<Record<keyof ValidateEventInput, unknown>>;
  const problems: string[] = [];
  const when = whenSchema.safeParse(raw.when);
  const what = whatSchema.safeParse(raw.what);
  const who = raw.who === undefined ? null : whoSchema.safeParse(raw.who);
  problems.push(...shapeProblems('when', when), ...shapeProblems('what', what));
  if (who) problems.push(...shapeProblems('who', who));
  if (when.success) problems.push(...whenProblems(when.data));
  if (what.success) problems.push(...whatProblems(what.data));
  if (who?.success) problems.push(...whoProblems(who.data));
  problems.push(...reminderProblems(raw.reminders));
  return problems;
}

/** @throws EventValidationError listing every problem validateEvent finds */
export function assertValidEvent(input: ValidateEventInput): void {
  const problems = validateEvent(input);
  if (problems.length > 0) throw new EventValidationError(problems);
}
