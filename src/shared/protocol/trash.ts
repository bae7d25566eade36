import { z } from 'zod';
import { idSchema } from './api';

/**
 * Trash and archive endpoints (docs/relay.md, Archive and trash). Deleted
 * calendars and events stay restorable for 30 days, then the relay purges them.
 */

/** GET /api/trash/calendars: deleted calendars the caller owns (admins: all of their organisation). */
export const deletedCalendarSchema = z.object({
  id: idSchema,
  name: z.string(),
  ownerId: idSchema,
  deletedAt: z.number(),
  deletedBy: z.string(),
  /** When the purge pass removes it for good. */
  purgeAt: z.number(),
});
export type DeletedCalendar = z.infer<typeof deletedCalendarSchema>;
export const deletedCalendarListSchema = z.object({ calendars: z.array(deletedCalendarSchema) });

/** GET /api/calendars/:id/trash: deleted events of one calendar (owner, editors, admins). */
export const deletedEventSchema = z.object({
  key: z.string(),
  title: z.string(),
  start: z.string().nullable(),
  deletedAt: z.number(),
  deletedBy: z.string().nullable(),
  purgeAt: z.number(),
});
export type DeletedEvent = z.infer<typeof deletedEventSchema>;
export const deletedEventListSchema = z.object({ events: z.array(deletedEventSchema) });

/** POST /api/calendars/:id/trash/restore */
export const restoreEventSchema = z.object({ key: z.string().min(1).max(1024) });

/** GET /api/export/account: the envelope the app checks before saving it (the relay validates the body on restore). */
export const exportEnvelopeSchema = z.object({ format: z.literal('tessera-export'), version: z.number().int(), checksum: z.string(), body: z.unknown() });
export type ExportEnvelope = z.infer<typeof exportEnvelopeSchema>;
