import { z } from 'zod';
import { remindersSchema, whatSchema, whenSchema, whoSchema, type CalendarEvent } from '../../shared/model/CalendarEvent';

/**
 * Messages between the page and the ICS parsing worker. Both sides parse what
 * they receive: a worker is another realm, and a result that does not match is
 * an error shown to the person, never events written half-checked.
 */

export const calendarEventSchema = z.object({
  uid: z.string().min(1),
  recurrenceId: z.string().nullable(),
  when: whenSchema,
  what: whatSchema,
  who: whoSchema,
  reminders: remindersSchema,
}) satisfies z.ZodType<CalendarEvent>;

export const skippedItemSchema = z.object({
  line: z.number().nullable().optional(),
  uid: z.string().nullable().optional(),
  summary: z.string().nullable().optional(),
  reason: z.string(),
});
export type SkippedItem = z.infer<typeof skippedItemSchema>;

export const parsedIcsSchema = z.object({
  calendarName: z.string().nullable().optional(),
  events: z.array(calendarEventSchema),
  skipped: z.array(skippedItemSchema),
  warnings: z.array(z.string()),
});
export type ParsedIcs = z.infer<typeof parsedIcsSchema>;

export const toWorkerSchema = z.object({ kind: z.literal('parse'), id: z.number(), text: z.string() });
export type ToWorker = z.infer<typeof toWorkerSchema>;

export const fromWorkerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), id: z.number(), done: z.number().min(0), total: z.number().min(0) }),
  // The result travels as JSON text: posting a string and JSON.parse on the page
  // measured about half the cost of structured-cloning 10,000 nested events
  // (bench/README.md, ICS import). Its content is checked by readWorkerResult.
  z.object({ kind: z.literal('result'), id: z.number(), json: z.string() }),
  z.object({ kind: z.literal('error'), id: z.number(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;

/** The worker's result text read and checked; null when it is not JSON or not a ParsedIcs. */
export function readWorkerResult(json: string): ParsedIcs | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = parsedIcsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
