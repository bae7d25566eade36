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

const count = z.number().int().min(0);

/** POST /api/restore: what a restore put back, what it kept as it was, and what the policies cut. */
export const restoreReportSchema = z.object({
  kind: z.enum(['account', 'org']),
  orgCreated: z.boolean(),
  peopleCreated: count,
  /** Restored without a password (account exports): an administrator must set one. */
  peopleWithoutPassword: z.array(z.string()),
  groupsCreated: count,
  calendarsRestored: z.array(z.string()),
  /** Already present (live or in the trash): left as they are. */
  calendarsSkipped: z.array(z.string()),
  grantsRestored: count,
  /** Their person or group does not exist here. */
  grantsDropped: count,
  overlaysRestored: count,
  overlaysSkipped: count,
  /** What came back with the people, calendars and organisation created here (version 2 sections). */
  settingsRestored: z.object({
    policy: z.boolean(),
    profiles: count,
    sharedAddresses: count,
    aliases: count,
    teams: count,
    submissions: count,
    removedPeople: count,
    icsLinks: count,
    appPasswords: count,
  }),
  /**
   * What the organisation's policies here cut from the file, as tightening a
   * policy cuts what exists: external shares above the cap lowered to it (or
   * left out when external sharing is off), ICS links above the links cap
   * restored revoked.
   */
  policyCutBack: z.object({ grantsLowered: count, grantsLeftOut: count, linksRevoked: count }),
});
export type RestoreReport = z.infer<typeof restoreReportSchema>;

/** A report with nothing counted yet: restoreExport fills it in. */
export function emptyRestoreReport(kind: RestoreReport['kind']): RestoreReport {
  return {
    kind,
    orgCreated: false,
    peopleCreated: 0,
    peopleWithoutPassword: [],
    groupsCreated: 0,
    calendarsRestored: [],
    calendarsSkipped: [],
    grantsRestored: 0,
    grantsDropped: 0,
    overlaysRestored: 0,
    overlaysSkipped: 0,
    settingsRestored: { policy: false, profiles: 0, sharedAddresses: 0, aliases: 0, teams: 0, submissions: 0, removedPeople: 0, icsLinks: 0, appPasswords: 0 },
    policyCutBack: { grantsLowered: 0, grantsLeftOut: 0, linksRevoked: 0 },
  };
}
