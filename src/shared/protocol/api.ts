import { z } from 'zod';
import { permissionLevelSchema } from '../permissions/PermissionLevel';
import { workingHoursSchema } from '../schedule/WorkingHours';
import { ID_PATTERN } from './roomName';

/**
 * The relay's HTTP control API (JSON). Both the relay and the app parse every body
 * with these schemas; docs/relay.md documents the endpoints that use them.
 * Errors are `{ error: { code, message } }` with a matching HTTP status.
 */

export const idSchema = z.string().regex(ID_PATTERN, 'not a valid id');
const email = z.string().trim().toLowerCase().email().max(254);

export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiError = z.infer<typeof apiErrorSchema>;

// ---- sign-in ----------------------------------------------------------------

export const signInRequestSchema = z.object({ email, password: z.string().min(1).max(1024) });
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(20).max(200) });

export const meSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  orgId: idSchema,
  orgName: z.string(),
  isAdmin: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({
  accessToken: z.string(),
  /** Epoch ms; clients refresh a little before. */
  accessExpiresAt: z.number(),
  refreshToken: z.string(),
  refreshExpiresAt: z.number(),
  user: meSchema,
});
export type Session = z.infer<typeof sessionSchema>;

// ---- directory ----------------------------------------------------------------

export const personSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  orgId: idSchema,
  groups: z.array(idSchema),
  /** Scheduling profile (profile.ts), once the person has set it: IANA zone and working hours in it. */
  zone: z.string().optional(),
  workingHours: workingHoursSchema.optional(),
  /** A shared address (sales@, sharedAddresses.ts) rather than a person; absent for people. */
  kind: z.literal('shared address').optional(),
  /** A shared address's aliases: meeting requests to any of them reach its members. */
  aliases: z.array(z.string()).optional(),
});
export type Person = z.infer<typeof personSchema>;
export const groupSchema = z.object({ id: idSchema, name: z.string(), members: z.array(idSchema) });
export type Group = z.infer<typeof groupSchema>;
export const directorySchema = z.object({ people: z.array(personSchema), groups: z.array(groupSchema), orgDefaultLevel: permissionLevelSchema });
export type Directory = z.infer<typeof directorySchema>;

// ---- calendars and access -------------------------------------------------------

/** How a person reaches a calendar, for the permissions view ("through what"). */
export const ACCESS_VIA = ['owner', 'direct', 'group', 'default', 'external'] as const;
export const accessViaSchema = z.enum(ACCESS_VIA);
export type AccessVia = z.infer<typeof accessViaSchema>;

/**
 * One calendar as one person may reach it. The relay keeps these, for every
 * calendar the person can see, in the `access` map of their inbox document, so
 * every device learns of grants, changes and revocations at once.
 */
export const calendarAccessSchema = z.object({
  id: idSchema,
  name: z.string(),
  ownerId: idSchema,
  ownerName: z.string(),
  level: permissionLevelSchema,
  via: accessViaSchema,
  /** Delegates the owner lets see private items. */
  seesPrivate: z.boolean(),
  /** Current projection epochs: the client opens titles@<n> / busy@<n>. */
  epochs: z.object({ titles: z.number().int().min(0), busy: z.number().int().min(0) }),
  /** Revoked for a person of another organisation: stop syncing, keep the copy, mark it stale. */
  stale: z.boolean(),
  /** Archived: read-only for everyone, hidden from the calendar list, restorable by its owner or an admin. */
  archived: z.boolean().optional(),
  /** Owned by the organisation (a team calendar, issue 6): shown as "<name> — Team", added to the person's list without an invitation. */
  team: z.boolean().optional(),
});
export type CalendarAccess = z.infer<typeof calendarAccessSchema>;

export const calendarListSchema = z.object({ calendars: z.array(calendarAccessSchema) });
export const createCalendarSchema = z.object({ id: idSchema.optional(), name: z.string().trim().min(1).max(200) });
export const updateCalendarSchema = z.object({ name: z.string().trim().min(1).max(200).optional() });

export const subjectSchema = z.object({ kind: z.enum(['user', 'group']), id: idSchema });
export type Subject = z.infer<typeof subjectSchema>;

export const grantSchema = z.object({
  subject: subjectSchema.extend({ name: z.string(), email: z.string().optional() }),
  level: permissionLevelSchema,
  seesPrivate: z.boolean(),
  since: z.number(),
  grantedBy: idSchema,
});
export type Grant = z.infer<typeof grantSchema>;

/** Everyone who reaches the calendar, with the effective level and its source. */
export const effectiveEntrySchema = z.object({ userId: idSchema, name: z.string(), email: z.string(), level: permissionLevelSchema, via: accessViaSchema });
export type EffectiveEntry = z.infer<typeof effectiveEntrySchema>;

export const permissionsSchema = z.object({
  calendarId: idSchema,
  calendarName: z.string(),
  ownerId: idSchema,
  /** This calendar's "People in my organization" level; null follows the organisation's default. */
  defaultLevel: permissionLevelSchema.nullable(),
  orgDefaultLevel: permissionLevelSchema,
  grants: z.array(grantSchema),
  effective: z.array(effectiveEntrySchema),
});
export type Permissions = z.infer<typeof permissionsSchema>;

/** Share, change or (level 'none') remove a grant. A share to a person also sends an invitation. */
export const putGrantSchema = z.object({
  subject: subjectSchema,
  level: permissionLevelSchema.exclude(['owner']),
  seesPrivate: z.boolean().optional(),
  /** The invitation asks the recipient to share their own calendar back. */
  askBack: z.boolean().optional(),
  message: z.string().max(2000).optional(),
});
export type PutGrant = z.infer<typeof putGrantSchema>;

export const putDefaultSchema = z.object({ level: permissionLevelSchema.exclude(['owner', 'delegate']).nullable() });

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.number(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.string(),
  calendarId: z.string().nullable(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });

// ---- admin ------------------------------------------------------------------------

export const createPersonSchema = z.object({ email, name: z.string().trim().min(1).max(200), password: z.string().min(8).max(1024), isAdmin: z.boolean().optional() });
export const createGroupSchema = z.object({ name: z.string().trim().min(1).max(200) });
export const membershipSchema = z.object({ userId: idSchema });
export const orgSettingsSchema = z.object({ defaultLevel: permissionLevelSchema.exclude(['owner', 'delegate']) });

/** GET /api/admin/people and GET /api/admin/groups. */
export const peopleListSchema = z.object({ people: z.array(personSchema) });
export const groupListSchema = z.object({ groups: z.array(groupSchema) });
/** POST /api/calendars/:id/rebuild-projections: the new epochs. */
export const projectionEpochsSchema = z.object({ epochs: z.object({ titles: z.number().int().min(0), busy: z.number().int().min(0) }) });
