import { z } from 'zod';
import { permissionLevelSchema } from '../../shared/permissions/PermissionLevel';

/**
 * Every row read from SQLite is parsed with one of these before use: the file
 * may have been edited by hand, restored from an old backup or damaged, and a
 * wrong value must fail loudly here rather than grant access somewhere else.
 */

const flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);
const ms = z.number().int();

export const orgRowSchema = z.object({ id: z.string(), name: z.string(), default_level: permissionLevelSchema, created_at: ms });
export type OrgRow = z.infer<typeof orgRowSchema>;

export const personRowSchema = z.object({
  id: z.string(),
  org_id: z.string(),
  email: z.string(),
  name: z.string(),
  password_hash: z.string(),
  is_admin: flag,
  created_at: ms,
});
export type PersonRow = z.infer<typeof personRowSchema>;

export const groupRowSchema = z.object({ id: z.string(), org_id: z.string(), name: z.string(), created_at: ms });
export type GroupRow = z.infer<typeof groupRowSchema>;

export const membershipRowSchema = z.object({ group_id: z.string(), user_id: z.string() });

export const calendarRowSchema = z.object({
  id: z.string(),
  org_id: z.string(),
  owner_id: z.string(),
  name: z.string(),
  default_level: permissionLevelSchema.nullable(),
  titles_epoch: z.number().int().min(0),
  busy_epoch: z.number().int().min(0),
  created_at: ms,
  /** Owned by the organisation (team calendar): owner_id is only who created it. */
  team: flag.optional(),
});
export type CalendarRow = z.infer<typeof calendarRowSchema>;

export const grantRowSchema = z.object({
  calendar_id: z.string(),
  subject_kind: z.enum(['user', 'group']),
  subject_id: z.string(),
  level: permissionLevelSchema,
  sees_private: flag,
  since: ms,
  granted_by: z.string(),
});
export type GrantRow = z.infer<typeof grantRowSchema>;

export const invitationRowSchema = z.object({
  id: z.string(),
  calendar_id: z.string(),
  calendar_name: z.string(),
  to_id: z.string(),
  from_id: z.string(),
  level: permissionLevelSchema,
  ask_back: flag,
  message: z.string(),
  at: ms,
  status: z.enum(['pending', 'accepted', 'declined']),
});
export type InvitationRow = z.infer<typeof invitationRowSchema>;

export const staleRowSchema = z.object({ user_id: z.string(), calendar_id: z.string(), access: z.string(), since: ms });

export const sessionRowSchema = z.object({ id: z.string(), user_id: z.string(), created_at: ms, revoked_at: ms.nullable() });
export type SessionRow = z.infer<typeof sessionRowSchema>;

export const refreshRowSchema = z.object({ hash: z.string(), session_id: z.string(), expires_at: ms, used_at: ms.nullable() });
export type RefreshRow = z.infer<typeof refreshRowSchema>;

const blob = z.instanceof(Uint8Array);
export const updateRowSchema = z.object({ id: z.number().int(), data: blob });
export const snapshotRowSchema = z.object({ data: blob, through_id: z.number().int() });

export const auditRowSchema = z.object({
  id: z.number().int(),
  at: ms,
  org_id: z.string().nullable(),
  actor_id: z.string(),
  actor_name: z.string(),
  action: z.string(),
  calendar_id: z.string().nullable(),
  subject: z.string().nullable(),
  detail: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

/** Parses one row, naming the table when it is damaged. */
export function parseRow<T>(schema: z.ZodType<T>, row: unknown, table: string): T {
  const r = schema.safeParse(row);
  if (!r.success) throw new Error(`Damaged row in ${table}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export function parseRows<T>(schema: z.ZodType<T>, rows: unknown[], table: string): T[] {
  return rows.map((r) => parseRow(schema, r, table));
}
