import { z } from 'zod';
import { permissionLevelSchema } from '../../shared/permissions/PermissionLevel';
import { ID_PATTERN } from '../../shared/protocol/roomName';

/**
 * One export file (an account or an organisation), version 1. Everything is
 * checked before a single row is written: the marker and version (a foreign
 * file), the checksum of `body` (a damaged one), every field, and that each
 * document is a Yjs update. Documents are whole Yjs states, base64.
 */
export const EXPORT_FORMAT = 'tessera-export';
export const EXPORT_VERSION = 1;

const id = z.string().regex(ID_PATTERN);
const ms = z.number().int().min(0);
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
    email: z.string().email().max(254),
    name: z.string().min(1).max(200),
    isAdmin: z.boolean(),
    createdAt: ms,
    /** scrypt hash, in organisation exports only; people restored without one must be given a password. */
    passwordHash: z.string().min(1).max(1000).nullable(),
  })
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
  })
  .strict();
export type ExportBody = z.infer<typeof exportBodySchema>;

export const exportFileSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    /** sha256 (hex) of JSON.stringify(body). */
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
    body: z.unknown(),
  })
  .strict();
export type ExportFile = { format: typeof EXPORT_FORMAT; version: typeof EXPORT_VERSION; checksum: string; body: ExportBody };
