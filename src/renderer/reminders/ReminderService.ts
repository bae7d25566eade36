import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { ReminderInstance } from '../../shared/reminders/ReminderOccurrence';

export interface ReminderSnapshot {
  /** Due and overdue, oldest first (what the Reminders window lists). */
  due: ReminderInstance[];
  /** Firing within the next two days, soonest first. */
  upcoming: ReminderInstance[];
  /** Bumped whenever newly due reminders should bring the Reminders window up (leader window only). */
  openRequests: number;
}

/** Snooze choices the Reminders window offers, in minutes. */
export const SNOOZE_MINUTES = [5, 10, 15, 30, 60, 120, 240, 1440] as const;

/**
 * The person's reminders as the UI sees them (DESIGN.md, Reminders): computed in
 * every window from the derived index and the overlay, fired by one window only.
 * Personal reminders, dismissals, snoozes and the "show reminders" switches are
 * written to the overlay, so they hold on every device of the person.
 */
export interface ReminderService {
  snapshot(): ReminderSnapshot;
  subscribe(listener: () => void): () => void;
  /** The level this device holds a calendar at: 'owner' reminds with the event's own reminders. */
  levelOf(calendarId: string): PermissionLevel;
  /** The person's own reminder on someone else's item (its document key; a series' UID covers all of it). */
  personalReminder(calendarId: string, eventKey: string): number[];
  setPersonalReminder(calendarId: string, eventKey: string, minutes: readonly number[]): Promise<void>;
  showReminders(calendarId: string): boolean;
  setShowReminders(calendarId: string, show: boolean): Promise<void>;
  dismiss(ids: readonly string[]): Promise<void>;
  snooze(ids: readonly string[], minutes: number): Promise<void>;
  close(): void;
}
