import type { CalendarEvent } from '../../shared/model/CalendarEvent';

/** JSON with object keys sorted, so two equal values compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/**
 * Whether two events hold the same content: a refresh that changes nothing
 * writes nothing, so an unchanged feed costs no update, no sync and no
 * re-index on any device.
 */
export function sameEventContent(a: CalendarEvent, b: CalendarEvent): boolean {
  return canonical([a.when, a.what, a.who, a.reminders]) === canonical([b.when, b.what, b.who, b.reminders]);
}
