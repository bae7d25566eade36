import { z } from 'zod';
import { icsLinkLevelSchema } from '../../shared/protocol/icsLinks';

/** Rows of the published-link tables, parsed before use like every other row (rowSchemas.ts). */

const ms = z.number().int();

export const icsLinkRowSchema = z.object({
  id: z.string(),
  calendar_id: z.string(),
  token_hash: z.string(),
  token: z.string().nullable(),
  level: icsLinkLevelSchema,
  password_hash: z.string().nullable(),
  expires_at: ms.nullable(),
  created_at: ms,
  created_by: z.string(),
  created_by_name: z.string(),
  revoked_at: ms.nullable(),
});
export type IcsLinkRow = z.infer<typeof icsLinkRowSchema>;

/** A link with its access summary, as listings read it. */
export const icsLinkSummaryRowSchema = icsLinkRowSchema.extend({ last_access_at: ms.nullable(), access_count: z.number().int().min(0) });
export type IcsLinkSummaryRow = z.infer<typeof icsLinkSummaryRowSchema>;

export const icsAccessRowSchema = z.object({ at: ms, address: z.string(), user_agent: z.string(), status: z.number().int() });
export type IcsAccessRow = z.infer<typeof icsAccessRowSchema>;

export const icsFeedVersionRowSchema = z.object({ etag: z.string(), modified_at: ms });
export type IcsFeedVersionRow = z.infer<typeof icsFeedVersionRowSchema>;
