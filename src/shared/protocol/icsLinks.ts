import { z } from 'zod';
import { idSchema } from './api';

/**
 * Published ICS links (issue 5): a calendar's owner publishes any number of
 * `/ics/<token>.ics` feeds, each at its own level. The relay and the app parse
 * every body of the link API with these; docs/relay.md documents the endpoints.
 */

/** Outlook's three publishing levels: availability only, limited details (titles and locations), full details. */
export const ICS_LINK_LEVELS = ['availability', 'limited', 'reviewer'] as const;
export const icsLinkLevelSchema = z.enum(ICS_LINK_LEVELS);
export type IcsLinkLevel = z.infer<typeof icsLinkLevelSchema>;

/** A feed token: 32 random bytes, base64url. Anything else is refused before any lookup. */
export const ICS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const ICS_PASSWORD_MAX = 256;

/** The feed's path on the relay for a token. */
export function icsFeedPath(token: string): string {
  return `/ics/${token}.ics`;
}

export const createIcsLinkSchema = z.object({
  level: icsLinkLevelSchema,
  /** HTTP Basic password (any user name); absent for an open link. */
  password: z.string().min(1).max(ICS_PASSWORD_MAX).optional(),
  /** Epoch ms after which the feed answers 410; must lie in the future. */
  expiresAt: z.number().int().positive().optional(),
});
export type CreateIcsLink = z.infer<typeof createIcsLinkSchema>;

export const ICS_LINK_STATUS = ['active', 'expired', 'revoked'] as const;

export const icsLinkSchema = z.object({
  id: idSchema,
  calendarId: idSchema,
  level: icsLinkLevelSchema,
  hasPassword: z.boolean(),
  expiresAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  createdByName: z.string(),
  revokedAt: z.number().int().nullable(),
  status: z.enum(ICS_LINK_STATUS),
  lastAccessAt: z.number().int().nullable(),
  accessCount: z.number().int().min(0),
  /** `/ics/<token>.ics` for the owner while the link is not revoked; null for anyone else. */
  path: z.string().nullable(),
});
export type IcsLink = z.infer<typeof icsLinkSchema>;

export const icsLinkListSchema = z.object({ links: z.array(icsLinkSchema) });

export const icsAccessEntrySchema = z.object({
  at: z.number().int(),
  address: z.string(),
  userAgent: z.string(),
  /** The HTTP status the feed answered: 200, 304, 401, 410, 429. */
  status: z.number().int(),
});
export type IcsAccessEntry = z.infer<typeof icsAccessEntrySchema>;

export const icsAccessLogSchema = z.object({ entries: z.array(icsAccessEntrySchema) });
