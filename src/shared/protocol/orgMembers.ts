import { z } from 'zod';
import { idSchema } from './api';

/** Calendars of removed members, waiting for an admin (GET /api/admin/orphaned-calendars). */
export const orphanedCalendarSchema = z.object({ id: idSchema, name: z.string(), ownerId: idSchema, ownerName: z.string(), ownerEmail: z.string() });
export type OrphanedCalendar = z.infer<typeof orphanedCalendarSchema>;
export const orphanedCalendarListSchema = z.object({ calendars: z.array(orphanedCalendarSchema), archiveAvailable: z.boolean() });
export type OrphanedCalendarList = z.infer<typeof orphanedCalendarListSchema>;

/** POST /api/admin/calendars/:id/transfer */
export const transferCalendarSchema = z.object({ newOwnerId: idSchema });

/** DELETE /api/admin/people/:id: what removal did. */
export const removedMemberSchema = z.object({ id: idSchema, sessionsEnded: z.number().int(), appPasswordsRevoked: z.number().int(), sharesRemoved: z.number().int(), calendarsKept: z.array(idSchema) });
export type RemovedMember = z.infer<typeof removedMemberSchema>;
