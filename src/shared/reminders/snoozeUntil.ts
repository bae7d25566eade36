/** Longest snooze accepted; the Reminders window offers up to a day. */
export const MAX_SNOOZE_MINUTES = 7 * 24 * 60;

/** When a snooze of `minutes` from `nowMs` ends; a RangeError for anything but 1 minute to a week, whole minutes. */
export function snoozeUntil(nowMs: number, minutes: number): number {
  if (!Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_SNOOZE_MINUTES) throw new RangeError('Snooze for between 1 minute and a week.');
  return nowMs + minutes * 60_000;
}
