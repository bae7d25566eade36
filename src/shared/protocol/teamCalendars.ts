import { z } from 'zod';
import { idSchema } from './api';

/**
 * Team calendars (issue 6): calendars owned by the organisation rather than a
 * person. An admin names their scope (the whole organisation or some groups) at
 * one read level, their maintainers (editors), and whether people in scope who
 * cannot edit may submit items to a queue the maintainers approve or reject.
 */

/** Levels a scope may grant: reading only; editing is what maintainers are for. */
export const TEAM_SCOPE_LEVELS = ['availability', 'limited', 'reviewer'] as const;
export const teamScopeLevelSchema = z.enum(TEAM_SCOPE_LEVELS);
export type TeamScopeLevel = z.infer<typeof teamScopeLevelSchema>;

export const MAX_TEAM_GROUPS = 100;
export const MAX_TEAM_MAINTAINERS = 100;

export const teamScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('org') }),
  z.object({ kind: z.literal('groups'), groupIds: z.array(idSchema).min(1).max(MAX_TEAM_GROUPS) }),
]);
export type TeamScope = z.infer<typeof teamScopeSchema>;

export const createTeamCalendarSchema = z.object({
  name: z.string().trim().min(1).max(200),
  scope: teamScopeSchema,
  level: teamScopeLevelSchema,
  maintainerIds: z.array(idSchema).max(MAX_TEAM_MAINTAINERS).default([]),
  acceptsSubmissions: z.boolean().default(false),
});
export type CreateTeamCalendar = z.input<typeof createTeamCalendarSchema>;

export const putTeamScopeSchema = z.object({ scope: teamScopeSchema, level: teamScopeLevelSchema });
export const putTeamMaintainersSchema = z.object({ userIds: z.array(idSchema).max(MAX_TEAM_MAINTAINERS) });
export const putTeamSubmissionsSchema = z.object({ acceptsSubmissions: z.boolean() });

export const teamMemberSchema = z.object({ id: idSchema, name: z.string(), email: z.string() });

export const teamCalendarSchema = z.object({
  id: idSchema,
  name: z.string(),
  scope: teamScopeSchema,
  level: teamScopeLevelSchema,
  maintainers: z.array(teamMemberSchema),
  acceptsSubmissions: z.boolean(),
  createdAt: z.number(),
});
export type TeamCalendar = z.infer<typeof teamCalendarSchema>;
export const teamCalendarListSchema = z.object({ calendars: z.array(teamCalendarSchema) });

/** Bounds on the queue: one person cannot flood maintainers or the store. */
export const MAX_SUBMISSION_TITLE = 200;
export const MAX_SUBMISSION_LOCATION = 500;
export const MAX_SUBMISSION_DESCRIPTION = 4_000;
export const MAX_PENDING_PER_PERSON = 20;
export const MAX_REJECT_REASON = 500;

/** What a person submits: times as in EventWhen (wall time in `tzid`, or dates when all-day). */
export const submitItemSchema = z.object({
  title: z.string().trim().min(1).max(MAX_SUBMISSION_TITLE),
  start: z.string().max(32),
  end: z.string().max(32),
  tzid: z.string().max(64).nullable().default(null),
  allDay: z.boolean().default(false),
  location: z.string().max(MAX_SUBMISSION_LOCATION).default(''),
  description: z.string().max(MAX_SUBMISSION_DESCRIPTION).default(''),
});
export type SubmitItem = z.input<typeof submitItemSchema>;
export type SubmittedItem = z.output<typeof submitItemSchema>;

export const SUBMISSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const submissionSchema = z.object({
  id: idSchema,
  calendarId: idSchema,
  submitterId: idSchema,
  submitterName: z.string(),
  item: submitItemSchema,
  status: z.enum(SUBMISSION_STATUSES),
  reason: z.string(),
  at: z.number(),
  decidedAt: z.number().nullable(),
  decidedByName: z.string(),
  /** The event key written into the calendar on approval. */
  eventKey: z.string().nullable(),
});
export type Submission = z.infer<typeof submissionSchema>;
export const submissionListSchema = z.object({ submissions: z.array(submissionSchema) });

export const rejectSubmissionSchema = z.object({ reason: z.string().trim().max(MAX_REJECT_REASON).default('') });

/** Inbox item for the submitter: their item was approved or rejected. */
export const submissionNoticeSchema = z.object({
  id: idSchema,
  kind: z.literal('submission'),
  submissionId: idSchema,
  calendarId: idSchema,
  calendarName: z.string(),
  title: z.string(),
  status: z.enum(['approved', 'rejected']),
  reason: z.string(),
  byName: z.string(),
  at: z.number(),
});
export type SubmissionNotice = z.infer<typeof submissionNoticeSchema>;

/** Inbox item for each maintainer: how many items wait in one calendar's queue (the badge). */
export const submissionQueueSchema = z.object({
  id: idSchema,
  kind: z.literal('submission-queue'),
  calendarId: idSchema,
  calendarName: z.string(),
  pending: z.number().int().min(0),
  at: z.number(),
});
export type SubmissionQueue = z.infer<typeof submissionQueueSchema>;

/** The inbox item id of a calendar's queue badge. */
export function submissionQueueItemId(calendarId: string): string {
  return `queue-${calendarId}`.slice(0, 64);
}
