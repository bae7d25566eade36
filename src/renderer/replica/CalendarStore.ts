import type { CalendarEvent, EventWhat, EventWhen, EventWho, Reminders, ShowAs } from '../../shared/model/CalendarEvent';
import type { ReplaceCounts, SubscriptionInfo, SubscriptionState } from './Subscription';

/**
 * What the UI sees of the replica engine. The UI never touches Yjs or Dexie
 * directly; it reads ranges from the derived index and writes through here, so
 * every write is one IndexedDB transaction and one undo step.
 */

export interface CalendarInfo {
  id: string;
  name: string;
  /** CSS colour, from the person's overlay. */
  color: string;
  /** Hidden calendars stay on the device; the views skip them. */
  hidden: boolean;
  /** Fed from an external ICS address (see subscriptions()): read-only to the person. */
  subscribed?: boolean;
}

/** One row of the derived index: a single event or one occurrence of a series. */
export interface OccurrenceRow {
  calendarId: string;
  /** Document key of the entry this row came from: `<uid>` or `<uid>#<recurrence-id>`. */
  key: string;
  uid: string;
  /** Original start of this occurrence when it belongs to a series, else null. */
  recurrenceId: string | null;
  startMs: number;
  endMs: number;
  /** Local forms, as in EventWhen (wall time in tzid, or a date for all-day). */
  start: string;
  end: string;
  tzid: string | null;
  allDay: boolean;
  title: string;
  location: string;
  showAs: ShowAs;
  private: boolean;
  categories: string[];
  recurring: boolean;
  hasReminders: boolean;
  /** The owner's reminders (minutes before the start), so reminders are scheduled from the index alone. */
  reminders: number[];
}

export type EditScope = 'this' | 'following' | 'series';

export interface EventInput {
  when: EventWhen;
  what: EventWhat;
  who?: EventWho;
  reminders: Reminders;
}

export interface Settings {
  /** IANA zone the views are drawn in; null = the system zone. */
  displayZone: string | null;
  /** Optional second zone shown beside the time axis. */
  secondZone: string | null;
  /** Category name -> CSS colour, the person's own. */
  categories: Record<string, string>;
  /** Last used view, restored on start. */
  view: string | null;
}

export interface CalendarStore {
  calendars(): CalendarInfo[];
  settings(): Settings;
  /** Called after any change, local or from another window. Returns an unsubscribe. */
  subscribe(listener: () => void): () => void;

  createCalendar(name: string, color: string): Promise<string>;
  updateCalendar(id: string, patch: Partial<Omit<CalendarInfo, 'id'>>): Promise<void>;
  deleteCalendar(id: string): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<void>;

  /** Rows overlapping [fromMs, toMs) in the given calendars, sorted by start. */
  queryRange(fromMs: number, toMs: number, calendarIds: readonly string[]): Promise<OccurrenceRow[]>;
  /**
   * The event as stored (the series master, or the changed occurrence when
   * recurrenceId names one). Async: a calendar's document may still be loading
   * behind views that are already drawn from the index.
   */
  getEvent(calendarId: string, uid: string, recurrenceId?: string | null): Promise<CalendarEvent | null>;

  /** Validates, then writes; throws EventValidationError with every problem found. */
  createEvent(calendarId: string, input: EventInput): Promise<string>;
  /**
   * Changes an event. For an occurrence of a series, `recurrenceId` names it and
   * `scope` says whether the change applies to it alone, to it and the rest of the
   * series, or to the whole series.
   */
  updateEvent(calendarId: string, uid: string, recurrenceId: string | null, input: EventInput, scope: EditScope): Promise<void>;
  /** Moves an event or an event and all its data to another calendar. */
  moveToCalendar(fromCalendarId: string, uid: string, toCalendarId: string): Promise<void>;
  deleteEvent(calendarId: string, uid: string, recurrenceId: string | null, scope: EditScope): Promise<void>;

  /**
   * Every stored entry (masters and changed occurrences) of a calendar; with a
   * range, only the series and events that have an occurrence in [fromMs, toMs).
   */
  exportEvents(calendarId: string, range?: { fromMs: number; toMs: number }): Promise<CalendarEvent[]>;

  /** Calendars fed from external ICS addresses, with their refresh state (Subscription.ts). */
  subscriptions(): SubscriptionInfo[];
  /** Creates a read-only calendar fed from `url`; its events arrive with the first refresh. */
  createSubscription(name: string, color: string, url: string, intervalMinutes: number): Promise<string>;
  updateSubscription(calendarId: string, patch: Partial<SubscriptionState>): Promise<void>;
  /** The refresh's write: the feed's events replace the calendar's, by UID (UIDs gone from the feed are deleted). */
  replaceSubscribedEvents(calendarId: string, events: readonly CalendarEvent[]): Promise<ReplaceCounts>;
  /**
   * Imported events (parseIcs) upserted by UID: each UID's master and changed
   * occurrences replace what the calendar had for that UID, so importing the same
   * file again creates nothing. One write, one undo step.
   * @throws CalendarReadOnlyError for a calendar this device may not change
   */
  importEvents(calendarId: string, events: readonly CalendarEvent[]): Promise<{ created: number; updated: number; unchanged: number }>;

  canUndo(): boolean;
  canRedo(): boolean;
  undo(): Promise<void>;
  redo(): Promise<void>;

  /** Resolves when every calendar's document is in memory (views work before that, from the index). */
  loaded(): Promise<void>;
  /** Problems found while loading (corrupt rows skipped), for the UI to show once. */
  loadProblems(): string[];
  close(): void;
}
