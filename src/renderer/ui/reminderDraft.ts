/**
 * Reminders as the editor shows them ("2 hours before") and as the model
 * stores them (minutes before the start).
 */
export type ReminderUnit = 'minutes' | 'hours' | 'days';

export interface ReminderDraft {
  amount: number;
  unit: ReminderUnit;
}

const MINUTES: Record<ReminderUnit, number> = { minutes: 1, hours: 60, days: 1440 };

export function reminderFromMinutes(minutes: number): ReminderDraft {
  if (minutes > 0 && minutes % 1440 === 0) return { amount: minutes / 1440, unit: 'days' };
  if (minutes > 0 && minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

export function reminderToMinutes(r: ReminderDraft): number {
  return Math.round(r.amount * MINUTES[r.unit]);
}
