import { z } from 'zod';

/**
 * An event as the replica stores it. Fields are grouped the way they are written
 * to the calendar's Yjs document (see eventDocument.ts): one JSON value per group,
 * so two people changing different groups of one event both keep their change,
 * while a 50,000-event document stays cheap to load.
 */

export const SHOW_AS = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere'] as const;
export type ShowAs = (typeof SHOW_AS)[number];

export const SHOW_AS_LABEL: Record<ShowAs, string> = {
  free: 'Free',
  tentative: 'Tentative',
  busy: 'Busy',
  oof: 'Out of office',
  workingElsewhere: 'Working elsewhere',
};

/** Longest text we accept per field; a 1 MB title is refused, not truncated. */
export const MAX_TITLE = 1_000;
export const MAX_LOCATION = 1_000;
export const MAX_DESCRIPTION = 64_000;

/** Wall-clock local date-time, seconds optional: 2026-03-29T02:30 or 2026-03-29T02:30:00. */
export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
/** Calendar date: 2026-03-29. */
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const whenSchema = z.object({
  /** Timed: wall time in `tzid` (or floating when tzid is null). All-day: a date. */
  start: z.string(),
  /** Exclusive end, same form as start. */
  end: z.string(),
  /** IANA zone; null for floating times and for all-day events. */
  tzid: z.string().nullable(),
  allDay: z.boolean(),
  /** RFC 5545 RRULE value without the "RRULE:" prefix, e.g. FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10. */
  rrule: z.string().nullable(),
  /** Recurrence ids (original starts, same form as start) removed from the series. */
  exdates: z.array(z.string()),
  /** Extra occurrences (same form as start). */
  rdates: z.array(z.string()),
});
export type EventWhen = z.infer<typeof whenSchema>;

export const whatSchema = z.object({
  title: z.string(),
  location: z.string(),
  description: z.string(),
  /** Category names; colours live in the person's overlay. */
  categories: z.array(z.string()),
  showAs: z.enum(SHOW_AS),
  private: z.boolean(),
});
export type EventWhat = z.infer<typeof whatSchema>;

export const attendeeSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(['required', 'optional', 'chair']),
  response: z.enum(['needs-action', 'accepted', 'tentative', 'declined']),
  /** What the attendee wrote with their answer (meetings answered in the app). */
  comment: z.string().optional(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const whoSchema = z.object({
  organizer: attendeeSchema.nullable(),
  attendees: z.array(attendeeSchema),
});
export type EventWho = z.infer<typeof whoSchema>;

/** Minutes before the start; the owner's reminders (DESIGN.md, Reminders). */
export const remindersSchema = z.array(z.number().int().min(0).max(60 * 24 * 28));
export type Reminders = z.infer<typeof remindersSchema>;

export interface CalendarEvent {
  /** Series or single-event UID. */
  uid: string;
  /** For a changed occurrence of a series: the original start it replaces. */
  recurrenceId: string | null;
  when: EventWhen;
  what: EventWhat;
  who: EventWho;
  reminders: Reminders;
}

/** The key of an event in the document: `<uid>` or `<uid>#<recurrence-id>`. */
export function eventKey(uid: string, recurrenceId: string | null): string {
  return recurrenceId === null ? uid : `${uid}#${recurrenceId}`;
}

export function parseEventKey(key: string): { uid: string; recurrenceId: string | null } {
  const hash = key.indexOf('#');
  return hash < 0 ? { uid: key, recurrenceId: null } : { uid: key.slice(0, hash), recurrenceId: key.slice(hash + 1) };
}

export const EMPTY_WHO: EventWho = { organizer: null, attendees: [] };

export function defaultWhat(title = ''): EventWhat {
  return { title, location: '', description: '', categories: [], showAs: 'busy', private: false };
}
