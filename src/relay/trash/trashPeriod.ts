/** How long deleted calendars and events stay restorable before the purge pass removes them. */
export const TRASH_DAYS = 30;
export const TRASH_MS = TRASH_DAYS * 24 * 60 * 60_000;
