/** One occurrence as the scheduler needs it: a row of the derived index, or an expanded event. */
export interface ReminderOccurrence {
  calendarId: string;
  /** Document key of the entry it came from: `<uid>` or `<uid>#<recurrence-id>`. */
  key: string;
  uid: string;
  recurrenceId: string | null;
  /** Wall-clock start in `tzid` (or a date for all-day). */
  start: string;
  tzid: string | null;
  allDay: boolean;
  /** The start instant; for floating and all-day occurrences the scheduler places `start` in the person's zone instead. */
  startMs: number;
  title: string;
  location: string;
  /** The owner's reminders (minutes before the start). */
  reminders: readonly number[];
}

/** One reminder of one occurrence, due now or later. */
export interface ReminderInstance {
  id: string;
  calendarId: string;
  key: string;
  uid: string;
  recurrenceId: string | null;
  title: string;
  location: string;
  start: string;
  allDay: boolean;
  startMs: number;
  minutes: number;
  /** When it fires by its own terms (start minus minutes). */
  fireAtMs: number;
  /** When it is due: the fire time, or the end of a snooze. */
  dueAtMs: number;
  snoozed: boolean;
  /** The owner's reminder on the person's own calendar, or their personal one on someone else's. */
  source: 'owner' | 'personal';
}
