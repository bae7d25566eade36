import { PERMISSION_LEVEL_LABEL, type PermissionLevel } from '../../shared/permissions/PermissionLevel';

/** Levels a calendar can be shared at with a person or group, lowest first. */
export const SHAREABLE_LEVELS = ['availability', 'limited', 'reviewer', 'editor', 'delegate'] as const satisfies readonly PermissionLevel[];
export type ShareableLevel = (typeof SHAREABLE_LEVELS)[number];

/** Levels the calendar's "People in my organization" entry can take (no delegates, no owners). */
export const DEFAULT_LEVELS = ['none', 'availability', 'limited', 'reviewer', 'editor'] as const satisfies readonly PermissionLevel[];

export function isShareable(level: PermissionLevel): level is ShareableLevel {
  return (SHAREABLE_LEVELS as readonly string[]).includes(level);
}

/** Outlook's words for a level. */
export function levelLabel(level: PermissionLevel): string {
  return PERMISSION_LEVEL_LABEL[level];
}

/** What a level lets the other person do, in a sentence, for the hint under the level picker. */
export const LEVEL_HINT: Record<ShareableLevel, string> = {
  availability: 'They see when you’re busy, but not what your events are.',
  limited: 'They see the time, title and location of your events.',
  reviewer: 'They see all the details of your events, except private ones.',
  editor: 'They see all the details and can add, change and delete events.',
  delegate: 'They can edit, and also receive meeting requests and responses for you.',
};
