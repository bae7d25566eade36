import type { PermissionLevel } from './PermissionLevel';

/**
 * Exchange calendar folder roles (Get/Add-MailboxFolderPermission -AccessRights)
 * mapped to Tessera levels. Tessera has no "own items only" level, so where a role
 * sits between two levels it maps to the lower one: an import must never grant more
 * than the person had.
 *
 *  - Owner, PublishingEditor, Editor: create, read, edit and delete all items
 *    -> editor. Exchange's "Owner" role is a share, not the mailbox owner, so it
 *    does not become Tessera's owner (DESIGN.md).
 *  - PublishingAuthor, Author: read all, create, edit and delete only their own
 *    items -> reviewer. Editor would let them change everyone's events; they keep
 *    full read access and lose creating (to be granted explicitly if wanted).
 *  - NonEditingAuthor: read all, create, delete own, no edits -> reviewer, same reason.
 *  - Contributor: create items and see the folder, but read nothing, not even
 *    free/busy -> none (availability would reveal busy times the role did not).
 *  - Reviewer -> reviewer; LimitedDetails -> limited; AvailabilityOnly -> availability;
 *    None -> none.
 *
 * Exchange's delegate flag (SharingPermissionFlags Delegate) on an Editor makes a
 * delegate. Role names are matched without regard to case or spaces. Returns null
 * for a name that is not a role (e.g. a custom set of rights); callers treat it as
 * none and say so.
 */
const ROLE_LEVEL: Record<string, PermissionLevel> = {
  owner: 'editor',
  publishingeditor: 'editor',
  editor: 'editor',
  publishingauthor: 'reviewer',
  author: 'reviewer',
  noneditingauthor: 'reviewer',
  contributor: 'none',
  reviewer: 'reviewer',
  limiteddetails: 'limited',
  availabilityonly: 'availability',
  none: 'none',
};

export const EXCHANGE_ROLES = [
  'Owner', 'PublishingEditor', 'Editor', 'PublishingAuthor', 'Author', 'NonEditingAuthor',
  'Contributor', 'Reviewer', 'LimitedDetails', 'AvailabilityOnly', 'None',
] as const;
export type ExchangeRole = (typeof EXCHANGE_ROLES)[number];

export function levelFromExchangeRole(role: string, flags: { delegate?: boolean } = {}): PermissionLevel | null {
  const level = ROLE_LEVEL[role.replace(/[\s_-]/g, '').toLowerCase()];
  if (level === undefined) return null;
  return level === 'editor' && flags.delegate === true ? 'delegate' : level;
}
