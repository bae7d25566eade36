import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReminderService, ReminderSnapshot } from '../reminders/ReminderService';

/**
 * The window's ReminderService, for the few components that need it (the
 * editor's reminder field, the Reminders window, the "show reminders" switch),
 * so it is not threaded through every component between them. Absent in a
 * window that could not open one: those components then fall back to the
 * owner's reminders only.
 */
export const ReminderContext = createContext<ReminderService | null>(null);

export function useReminderService(): ReminderService | null {
  return useContext(ReminderContext);
}

const EMPTY: ReminderSnapshot = { due: [], upcoming: [], openRequests: 0 };
const noop = () => () => undefined;

export function useReminderSnapshot(service: ReminderService | null): ReminderSnapshot {
  return useSyncExternalStore(service ? (l) => service.subscribe(l) : noop, () => service?.snapshot() ?? EMPTY);
}
