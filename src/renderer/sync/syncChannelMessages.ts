import { z } from 'zod';
import type { CalendarSyncState } from './SyncService';

const at = z.number().nullable();
export const calendarSyncStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('synced'), at: z.number() }),
  z.object({ kind: z.literal('pending'), changes: z.number(), lastSyncedAt: at }),
  z.object({ kind: z.literal('connecting'), lastSyncedAt: at }),
  z.object({ kind: z.literal('offline'), lastSyncedAt: at, pendingChanges: z.number() }),
  z.object({ kind: z.literal('read-only'), at }),
  z.object({ kind: z.literal('stale'), since: z.number() }),
  z.object({ kind: z.literal('error'), message: z.string() }),
]) satisfies z.ZodType<CalendarSyncState>;

/**
 * Messages between the windows of one profile on `tessera-sync:<db>`: the
 * syncing window publishes what it sees; the others show it.
 */
export const syncChannelMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('states'), online: z.boolean(), states: z.record(z.string(), calendarSyncStateSchema) }),
  /** The account changed (signed in or out, expired): read it again. */
  z.object({ kind: z.literal('session') }),
  /** A window opened and asks the syncing one for its states. */
  z.object({ kind: z.literal('hello') }),
]);
export type SyncChannelMessage = z.infer<typeof syncChannelMessageSchema>;
