import type { ReminderState } from './ReminderState';

/** Dismissals are kept this long, so a device that was away for a while still knows them. */
export const KEEP_DISMISSED_MS = 45 * 86_400_000;

/**
 * Instance ids whose state can go: dismissals older than KEEP_DISMISSED_MS and
 * snoozes that ended that long ago. The overlay syncs to every device, so
 * without pruning it would grow by every reminder the person ever saw.
 */
export function pruneReminderStates(states: ReadonlyMap<string, ReminderState>, nowMs: number): string[] {
  const cutoff = nowMs - KEEP_DISMISSED_MS;
  const stale: string[] = [];
  for (const [id, state] of states) {
    const at = 'dismissedAt' in state ? state.dismissedAt : state.snoozedUntil;
    if (at < cutoff) stale.push(id);
  }
  return stale;
}
