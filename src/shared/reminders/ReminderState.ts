import { z } from 'zod';
import { remindersSchema } from '../model/CalendarEvent';

/**
 * What the person did with one reminder instance, kept in their `user/<id>`
 * overlay under its instance id, so every device of theirs agrees.
 */
export const reminderStateSchema = z.union([z.object({ dismissedAt: z.number().int().nonnegative() }).strict(), z.object({ snoozedUntil: z.number().int().nonnegative() }).strict()]);
export type ReminderState = z.infer<typeof reminderStateSchema>;

/** A personal reminder on someone else's item: minutes before its start, same bounds as the owner's. */
export const personalRemindersSchema = remindersSchema.max(8);

/** Overlay key of a personal reminder: the calendar and the item's document key (a series' UID covers all of it). */
export function personalReminderKey(calendarId: string, eventKey: string): string {
  return `${calendarId}|${eventKey}`;
}
