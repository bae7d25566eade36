import { z } from 'zod';
import { PERMISSION_LEVEL_LABEL, type PermissionLevel } from '../permissions/PermissionLevel';
import { idSchema } from './api';
import { ICS_LINK_LEVELS } from './icsLinks';

/**
 * Organisation policies (issue 6) and the admin review of shares. The relay and
 * the app parse every body of /api/admin/policies and /api/admin/shares with these.
 */

/** Levels a new calendar may start at (delegate is a person's role, never a default). */
export const NEW_CALENDAR_LEVELS = ['none', 'availability', 'limited', 'reviewer', 'editor'] as const;
/** The cap on shares to people of other organisations; 'none' forbids them. */
export const EXTERNAL_SHARING_CAPS = ['none', 'availability', 'limited', 'reviewer', 'editor', 'delegate'] as const;
/** The cap on published ICS links; 'none' forbids publishing. */
export const ICS_LINK_CAPS = ['none', ...ICS_LINK_LEVELS] as const;

export const orgPolicySchema = z.object({
  /** The default ("My organization") level a newly created calendar gets; null: it follows the organisation default. */
  newCalendarLevel: z.enum(NEW_CALENDAR_LEVELS).nullable(),
  externalSharingMax: z.enum(EXTERNAL_SHARING_CAPS),
  icsLinksMax: z.enum(ICS_LINK_CAPS),
});
export type OrgPolicy = z.infer<typeof orgPolicySchema>;

/** What an organisation that never set a policy gets: nothing is restricted, as before policies existed. */
export const DEFAULT_ORG_POLICY: OrgPolicy = { newCalendarLevel: null, externalSharingMax: 'delegate', icsLinksMax: 'reviewer' };

/** PUT /api/admin/policies: any subset; fields left out keep their value. */
export const putOrgPolicySchema = orgPolicySchema.partial().strict();
export type PutOrgPolicy = z.infer<typeof putOrgPolicySchema>;

/** What tightening a policy cut back, through the same paths as an owner's change. */
export const policyCutBackSchema = z.object({
  grantsDowngraded: z.number().int().min(0),
  grantsRemoved: z.number().int().min(0),
  linksRevoked: z.number().int().min(0),
});
export type PolicyCutBack = z.infer<typeof policyCutBackSchema>;

export const policyAnswerSchema = z.object({ policy: orgPolicySchema, cutBack: policyCutBackSchema });
export type PolicyAnswer = z.infer<typeof policyAnswerSchema>;

/** Error codes of refusals by policy; the message names the policy as POLICY_TITLE does. */
export const POLICY_ERROR = { externalSharing: 'policy_external_sharing', icsLinks: 'policy_ics_links' } as const;
export const POLICY_TITLE = { newCalendarLevel: 'Default level for new calendars', externalSharing: 'External sharing', icsLinks: 'Published ICS links' } as const;

/** The refusal text, shared so the relay, the CLI and the app say the same words. */
export function policyRefusal(policy: 'externalSharing' | 'icsLinks', cap: PermissionLevel, asked: PermissionLevel): string {
  const title = POLICY_TITLE[policy];
  const what = policy === 'externalSharing' ? 'sharing calendars with people outside the organisation' : 'publishing ICS links';
  if (cap === 'none') return `Your organisation's policy '${title}' does not allow ${what}.`;
  return `Your organisation's policy '${title}' allows at most '${cap}' (${PERMISSION_LEVEL_LABEL[cap]}) for ${what}; '${asked}' is above it.`;
}

export const shareRecipientSchema = z.object({
  kind: z.enum(['user', 'group']),
  id: idSchema,
  name: z.string(),
  /** People only. */
  email: z.string().nullable(),
  /** A person of another organisation. */
  external: z.boolean(),
});

export const adminShareSchema = z.object({
  calendarId: idSchema,
  calendarName: z.string(),
  ownerId: idSchema,
  ownerName: z.string(),
  ownerEmail: z.string(),
  recipient: shareRecipientSchema,
  level: z.enum(['availability', 'limited', 'reviewer', 'editor', 'delegate']),
  seesPrivate: z.boolean(),
  since: z.number().int(),
  /** When a device of the recipient (for a group: of any member) last finished syncing the calendar; null: never. */
  lastSyncedAt: z.number().int().nullable(),
});
export type AdminShare = z.infer<typeof adminShareSchema>;
export const adminShareListSchema = z.object({ shares: z.array(adminShareSchema) });

/** Filters of the review (query string of GET /api/admin/shares, options of `admin shares`). */
export const shareFilterSchema = z
  .object({
    /** An email or person id: shares the person owns, receives directly, or receives through a group. */
    person: z.string().trim().min(1).max(320).optional(),
    calendar: idSchema.optional(),
    level: z.enum(['availability', 'limited', 'reviewer', 'editor', 'delegate']).optional(),
    external: z.boolean().optional(),
  })
  .strict();
export type ShareFilter = z.infer<typeof shareFilterSchema>;
