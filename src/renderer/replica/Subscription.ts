import { z } from 'zod';

/**
 * A calendar fed from an external ICS address, kept in the person's overlay
 * (map `subscriptions`, calendar id -> JSON) so it follows them to every device.
 * The calendar itself is an ordinary owned calendar whose events only the
 * refresh writes; the store refuses the person's edits to it.
 */
export const SUBSCRIPTION_INTERVALS = [5, 15, 30, 60, 180, 720, 1440] as const;
export const DEFAULT_SUBSCRIPTION_INTERVAL = 15;

export const subscriptionSchema = z.object({
  /** http(s) address (webcal: is stored as https:). */
  url: z.string().min(1).max(4_000),
  intervalMinutes: z.number().int().min(1).max(7 * 24 * 60),
  /** Validators of the last good copy, sent back for a conditional GET. */
  etag: z.string().max(1_000).nullable().default(null),
  lastModified: z.string().max(200).nullable().default(null),
  /** When the events last came from the feed (or it said "not modified"). */
  lastGoodAt: z.number().nullable().default(null),
  lastAttemptAt: z.number().nullable().default(null),
  /** The last refresh's failure, shown on the calendar; null after a good one. */
  error: z.string().max(2_000).nullable().default(null),
});
export type SubscriptionState = z.infer<typeof subscriptionSchema>;
export type SubscriptionInfo = SubscriptionState & { calendarId: string };

export interface ReplaceCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}
