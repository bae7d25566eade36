import type { ReminderInstance } from './ReminderOccurrence';

/** A reminder first noticed more than this after its due time was missed (machine asleep, app closed). */
export const LATE_MS = 2 * 60_000;

/** What "already shown" remembers: an instance at one due time, so a snoozed reminder shows again when the snooze ends. */
export function notificationKey(instance: Pick<ReminderInstance, 'id' | 'dueAtMs'>): string {
  return `${instance.id}@${instance.dueAtMs}`;
}

/**
 * Due instances not shown yet, split into the ones firing now and the ones that
 * were missed, which the caller reports once, together, instead of as a burst
 * of stale notifications.
 */
export function splitNewlyDue(due: readonly ReminderInstance[], shown: ReadonlySet<string>, nowMs: number): { onTime: ReminderInstance[]; missed: ReminderInstance[] } {
  const onTime: ReminderInstance[] = [];
  const missed: ReminderInstance[] = [];
  for (const instance of due) {
    if (shown.has(notificationKey(instance))) continue;
    (nowMs - instance.dueAtMs > LATE_MS ? missed : onTime).push(instance);
  }
  return { onTime, missed };
}
