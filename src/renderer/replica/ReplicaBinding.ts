import { z } from 'zod';
import { canWrite } from '../../shared/permissions/canWrite';
import { permissionLevelSchema } from '../../shared/permissions/PermissionLevel';
import { roomsToSync } from '../../shared/permissions/roomAccess';
import type { CalendarAccess } from '../../shared/protocol/api';
import { formatRoom } from '../../shared/protocol/roomName';

/**
 * Which documents this device holds of one calendar, and at what level. Stored
 * per calendar (`bindings` table) so an offline start opens the right documents
 * and refuses writes the relay would refuse; the sync engine rewrites it from the
 * inbox's `access` map. A calendar with no row is a local one: owned, never on a
 * relay, holding `full` and `private` (so private events are already split when
 * it is first uploaded).
 */
export const replicaBindingSchema = z.object({
  calendarId: z.string(),
  /** 'local': only on this person's devices so far; 'relay': the relay holds it. */
  source: z.enum(['local', 'relay']),
  level: permissionLevelSchema,
  /** The document the events are read from: `full`, or a projection for low levels. */
  main: z.enum(['full', 'titles', 'busy']),
  /** Projection epoch (titles@<n> / busy@<n>); null for `full`. */
  epoch: z.number().int().min(0).nullable(),
  /** Whether the `private` document is held (owner, delegates who see private items). */
  private: z.boolean(),
  /** Revoked for someone of another organisation: the copy stays, read-only, not synced. */
  staleSince: z.number().nullable(),
});
export type ReplicaBinding = z.infer<typeof replicaBindingSchema>;

export function localBinding(calendarId: string): ReplicaBinding {
  return { calendarId, source: 'local', level: 'owner', main: 'full', epoch: null, private: true, staleSince: null };
}

/** The binding a calendar should have at the access the relay grants now. */
export function bindingFromAccess(access: CalendarAccess, now: number, previous: ReplicaBinding | null): ReplicaBinding {
  const rooms = roomsToSync(access.level, { seesPrivate: access.seesPrivate });
  const main = rooms.includes('full') ? 'full' : rooms.includes('titles') ? 'titles' : 'busy';
  const epoch = main === 'titles' ? access.epochs.titles : main === 'busy' ? access.epochs.busy : null;
  const staleSince = access.stale ? (previous?.staleSince ?? now) : null;
  return { calendarId: access.id, source: 'relay', level: access.level, main, epoch, private: rooms.includes('private'), staleSince };
}

/** Local document name (= relay room name) of the events document. */
export function mainDocName(b: Pick<ReplicaBinding, 'calendarId' | 'main' | 'epoch'>): string {
  return b.main === 'full' ? formatRoom({ kind: 'calendar', calendarId: b.calendarId, doc: 'full' }) : formatRoom({ kind: 'calendar', calendarId: b.calendarId, doc: b.main, epoch: b.epoch ?? 0 });
}

export function privateDocName(calendarId: string): string {
  return formatRoom({ kind: 'calendar', calendarId, doc: 'private' });
}

/** Every document name the binding holds: the events document, then `private` if held. */
export function docNamesOf(b: ReplicaBinding): string[] {
  return b.private ? [mainDocName(b), privateDocName(b.calendarId)] : [mainDocName(b)];
}

/** Prefix of every document name of a calendar, for deleting all of it. */
export function calendarDocPrefix(calendarId: string): string {
  return `cal/${calendarId}/`;
}

/** May this device change the calendar's events (the relay would accept it)? */
export function isWritable(b: ReplicaBinding): boolean {
  return b.staleSince === null && b.main === 'full' && canWrite(b.level);
}

export function sameBinding(a: ReplicaBinding, b: ReplicaBinding): boolean {
  return a.source === b.source && a.level === b.level && a.main === b.main && a.epoch === b.epoch && a.private === b.private && a.staleSince === b.staleSince;
}
