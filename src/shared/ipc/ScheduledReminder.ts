import { z } from 'zod';

/** Most reminders handed to the desktop side at once (two days of a busy calendar fit easily). */
export const MAX_SCHEDULED_REMINDERS = 500;

/**
 * One reminder the renderer hands to the Electron main process, which keeps a
 * timer for it and shows it as an OS notification, also with every window
 * closed. Text only: main holds no calendar logic (DESIGN.md, Layout).
 */
export const scheduledReminderSchema = z
  .object({
    /** Instance id and due time (notificationKey): main shows each key once. */
    key: z.string().min(1).max(1_200),
    title: z.string().max(256),
    body: z.string().max(1_000),
    dueAtMs: z.number().int().nonnegative(),
  })
  .strict();
export type ScheduledReminder = z.infer<typeof scheduledReminderSchema>;

export const scheduledRemindersSchema = z.array(scheduledReminderSchema).max(MAX_SCHEDULED_REMINDERS);
