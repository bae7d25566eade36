import { reminderFromMinutes } from './reminderDraft';

/** What the personal "Reminder" field offers, as Outlook does: minutes before the start. */
export const REMINDER_CHOICES = [0, 5, 10, 15, 30, 60, 120, 240, 1440, 2880, 10080] as const;

/** "30 minutes", "1 hour", "2 days", "At the start". */
export function reminderWords(minutes: number): string {
  if (minutes === 0) return 'At the start';
  const { amount, unit } = reminderFromMinutes(minutes);
  const singular = unit.slice(0, -1);
  return `${amount} ${amount === 1 ? singular : unit}`;
}
