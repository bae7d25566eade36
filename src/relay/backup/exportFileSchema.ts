import { z } from 'zod';
import { permissionLevelSchema } from '../../shared/permissions/PermissionLevel';
import { ICS_TOKEN_PATTERN, icsLinkLevelSchema } from '../../shared/protocol/icsLinks';
import { orgPolicySchema } from '../../shared/protocol/policies';
import { profileSchema } from '../../shared/protocol/profile';
import { ID_PATTERN } from '../../shared/protocol/roomName';
import { MAX_ALIASES } from '../../shared/protocol/sharedAddresses';
import { submitItemSchema } from '../../shared/protocol/teamCalendars';

/**
 * One export file (an account or an organisation), version 2. Everything is
 * checked before a single row is written: the marker and version (a foreign
 * file), the checksum of `body` (a damaged one), every field, and that each
 * document is a Yjs update. Documents are whole Yjs states, base64.
 * Version 2 added the organisation features' sections (policy, profiles,
 * shared addresses, team settings, removed people, ICS links, app passwords,
 * archive times); a version 1 file reads with those sections empty.
 */
export const EXPORT_FORMAT = 'tessera-export';
export const EXPORT_VERSION = 2;
export const READABLE_VERSIONS: readonly number[] = [1, 2];

const id = z.string().regex(ID_PATTERN);
const ms = z.number().int().min(0);
const email = z.string().email().max(254);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const exportedGrantSchema = z
  .object({ subjectKind: z.enum(['user', 'group']), subjectId: id, level: permissionLevelSchema.exclude(['owner', 'none']), seesPrivate: z.boolean(), since: ms, grantedBy: z.string().max(200) })
  .strict();

export const exportedCalendarSchema = z
  .object({
    id,
    ownerId: id,
    name: z.string().min(1).max(200),
    defaultLevel: permissionLevelSchema.exclude(['owner', 'delegate']).nullable(),
    titlesEpoch: z.number().int().min(0),
    busyEpoch: z.number().int().min(0),
    createdAt: ms,
    archived: z.boolean(),
    /** When and by whom it was archived (version 2; only with archived). */
    archivedAt: ms.optional(),
    archivedBy: z.string().max(200).optional(),
    /** A team calendar (owned by the organisation). */
    team: z.boolean().optional(),
    grants: z.array(exportedGrantSchema),
    /** `full` and `private` (projections are derived again). */
    documents: z.object({ full: base64, private: base64.nullable() }).strict(),
  })
  .strict();
export type ExportedCalendar = z.infer<typeof exportedCalendarSchema>;

export const exportedPersonSchema = z
  .object({
    id,
    email,
    name: z.string().min(1).max(200),
    isAdmin: z.boolean(),
    createdAt: ms,
    /** scrypt hash, in organisation exports only; people restored without one must be given a password. */
    passwordHash: z.string().min(1).max(1000).nullable(),
  })
  .strict();

export const exportedSharedAddressSchema = z
  .object({ personId: id, calendarId: id, createdAt: ms, members: z.array(id), aliases: z.array(email).max(MAX_ALIASES) })
  .strict();

export const exportedSubmissionSchema = z.object({ id, submitterId: id, item: submitItemSchema, at: ms }).strict();

/** A team calendar's settings; its scope groups and maintainers are the calendar's grants. Only pending submissions travel. */
export const exportedTeamSchema = z
  .object({
    calendarId: id,
    scopeKind: z.enum(['org', 'groups']),
    level: z.enum(['availability', 'limited', 'reviewer']),
    acceptsSubmissions: z.boolean(),
    createdBy: z.string().max(200),
    createdAt: ms,
    pending: z.array(exportedSubmissionSchema),
  })
  .strict();

/** A published link with its token (so the same URL keeps working) and settings; access logs stay behind. */
export const exportedIcsLinkSchema = z
  .object({
    id,
    calendarId: id,
    tokenHash: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    token: z.string().regex(ICS_TOKEN_PATTERN).nullable(),
    level: icsLinkLevelSchema,
    passwordHash: z.string().min(1).max(1000).nullable(),
    expiresAt: ms.nullable(),
    createdAt: ms,
    createdBy: z.string().max(200),
    createdByName: z.string().max(200),
    revokedAt: ms.nullable(),
  })
  .strict();

/** Hashes only, like people's password hashes (organisation exports only). */
export const exportedAppPasswordSchema = z
  .object({ id, userId: id, name: z.string().min(1).max(200), hash: z.string().min(1).max(1000), createdAt: ms, lastUsedAt: ms.nullable(), revokedAt: ms.nullable() })
  .strict();

export const exportBodySchema = z
  .object({
    kind: z.enum(['account', 'org']),
    exportedAt: ms,
    /** The person an account export belongs to. */
    accountId: id.nullable(),
    org: z.object({ id, name: z.string().min(1).max(200), defaultLevel: permissionLevelSchema, createdAt: ms }).strict(),
    people: z.array(exportedPersonSchema),
    groups: z.array(z.object({ id, name: z.string().min(1).max(200), createdAt: ms, members: z.array(id) }).strict()),
    calendars: z.array(exportedCalendarSchema),
    /** `user/<id>` overlays (accepted calendars, colours, personal reminders). */
    overlays: z.array(z.object({ userId: id, state: base64 }).strict()),
    // Version 2 sections; absent in version 1 files.
    /** Organisation exports: the policies (null: never set) and the app-password switch. */
    policy: orgPolicySchema.strict().nullable().default(null),
    appPasswordsAllowed: z.boolean().default(true),
    profiles: z.array(profileSchema.extend({ userId: id }).strict()).default([]),
    sharedAddresses: z.array(exportedSharedAddressSchema).default([]),
    teams: z.array(exportedTeamSchema).default([]),
    removedPeople: z.array(z.object({ userId: id, removedAt: ms, removedBy: z.string().max(200) }).strict()).default([]),
    icsLinks: z.array(exportedIcsLinkSchema).default([]),
    appPasswords: z.array(exportedAppPasswordSchema).default([]),
  })
  .strict();
/** The sections a version 1 file must not carry. */
export const VERSION_2_SECTIONS = ['policy', 'appPasswordsAllowed', 'profiles', 'sharedAddresses', 'teams', 'removedPeople', 'icsLinks', 'appPasswords'] as const;
export type ExportBody = z.infer<typeof exportBodySchema>;

export const exportFileSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.union([z.literal(1), z.literal(EXPORT_VERSION)]),
    /** sha256 (hex) of JSON.stringify(body). */
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
    body: z.unknown(),
  })
  .strict();
export type ExportFile = { format: typeof EXPORT_FORMAT; version: typeof EXPORT_VERSION; checksum: string; body: ExportBody };
