import { z } from 'zod';
import { fetchIcsRequestSchema, fetchIcsResultSchema } from './fetchIcs';
import { scheduledRemindersSchema } from './ScheduledReminder';
import type { AppInfo, TesseraBridge } from './TesseraBridge';

/** Longest URL we hand to the OS; browsers cope with more, people never need it. */
export const MAX_EXTERNAL_URL_LENGTH = 8_192;
export const MAX_NOTIFICATION_TITLE_LENGTH = 256;
export const MAX_NOTIFICATION_BODY_LENGTH = 4_000;
/** A session is a few hundred bytes of JSON; anything far larger is not one. */
export const MAX_SESSION_LENGTH = 16_384;
/** Profile names as `?profile=` allows them: safe as a file name. */
export const profileSchema = z.string().regex(/^[\w-]{1,64}$/);

/**
 * Arguments of each IPC action as the main process receives them: a tuple, in the
 * order of the bridge function's parameters. Anything else is rejected before use.
 */
export const ipcArgsSchemas = {
  appInfo: z.tuple([]),
  openExternal: z.tuple([z.string().min(1).max(MAX_EXTERNAL_URL_LENGTH)]),
  notify: z.tuple([z.string().max(MAX_NOTIFICATION_TITLE_LENGTH), z.string().max(MAX_NOTIFICATION_BODY_LENGTH)]),
  loadSession: z.tuple([profileSchema]),
  saveSession: z.tuple([profileSchema, z.string().min(1).max(MAX_SESSION_LENGTH).nullable()]),
  scheduleReminders: z.tuple([profileSchema, scheduledRemindersSchema]),
  fetchIcs: z.tuple([fetchIcsRequestSchema]),
} satisfies { [K in keyof TesseraBridge]: z.ZodType<Parameters<TesseraBridge[K]>> };

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  runtime: z.string(),
  defaultRelayUrl: z.string().url().max(2000).nullable(),
}) satisfies z.ZodType<AppInfo>;

/** Results of each IPC action as the renderer receives them. */
export const ipcResultSchemas = {
  appInfo: appInfoSchema,
  openExternal: z.boolean(),
  notify: z.boolean(),
  loadSession: z.string().max(MAX_SESSION_LENGTH).nullable(),
  saveSession: z.boolean(),
  scheduleReminders: z.boolean(),
  fetchIcs: fetchIcsResultSchema,
} satisfies { [K in keyof TesseraBridge]: z.ZodType<Awaited<ReturnType<TesseraBridge[K]>>> };
