import { z } from 'zod';
import { remindersSchema, whatSchema, whenSchema, whoSchema, type CalendarEvent } from '../../shared/model/CalendarEvent';
import type { UnsavedRow } from './TesseraDb';

const eventSchema = z.object({
  uid: z.string(),
  recurrenceId: z.string().nullable(),
  when: whenSchema,
  what: whatSchema,
  who: whoSchema,
  reminders: remindersSchema,
}) satisfies z.ZodType<CalendarEvent>;

/** A stored refused edit, parsed before use like every stored row. */
export const unsavedRowSchema = z.object({
  id: z.string(),
  calendarId: z.string(),
  calendarName: z.string(),
  event: eventSchema,
  reason: z.string(),
  at: z.number(),
}) satisfies z.ZodType<UnsavedRow>;
