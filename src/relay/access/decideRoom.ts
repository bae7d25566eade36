import { roomAccess } from '../../shared/permissions/roomAccess';
import { CLOSE } from '../../shared/protocol/closeCodes';
import type { RoomName } from '../../shared/protocol/roomName';
import type { PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import type { AccessReader } from './AccessReader';

export type RoomDecision = { ok: true; mode: 'read' | 'write'; owner: boolean } | { ok: false; code: number; reason: string };

/**
 * May this person open this room, and how (DESIGN.md, Documents; roomAccess()):
 * full (reviewer read, editor+ write), private (owner, delegates who see private
 * items), titles@<epoch> / busy@<epoch> (read only, current epoch only),
 * user/<id> (that person, read and write), inbox/<id> (that person, read only).
 */
export function decideRoom(store: Store, reader: AccessReader, person: PersonRow, room: RoomName): RoomDecision {
  if (room.kind === 'user') return room.userId === person.id ? { ok: true, mode: 'write', owner: true } : { ok: false, code: CLOSE.forbidden, reason: 'not-your-overlay' };
  if (room.kind === 'inbox') return room.userId === person.id ? { ok: true, mode: 'read', owner: true } : { ok: false, code: CLOSE.forbidden, reason: 'not-your-inbox' };
  const calendar = store.sharing.calendar(room.calendarId);
  if (!calendar) return { ok: false, code: CLOSE.notFound, reason: 'unknown-calendar' };
  if (room.doc === 'titles' || room.doc === 'busy') {
    const current = room.doc === 'titles' ? calendar.titles_epoch : calendar.busy_epoch;
    if (room.epoch !== current) return { ok: false, code: CLOSE.notFound, reason: `epoch-changed:${current}` };
  }
  const reach = reader.reach(person, calendar);
  const access = roomAccess(reach.level, room.doc, { seesPrivate: reach.seesPrivate });
  if (access === 'none') return { ok: false, code: CLOSE.forbidden, reason: reach.level === 'none' ? 'not-shared' : `level:${reach.level}` };
  // Projections are derived by the relay: nobody writes them, whatever their level.
  // An archived calendar is read-only for everyone, its owner included, until restored.
  const mode = room.doc === 'titles' || room.doc === 'busy' || store.archive.isArchived(calendar.id) ? 'read' : access;
  return { ok: true, mode, owner: reach.level === 'owner' };
}
