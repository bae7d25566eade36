import { atLeast } from './compareLevels';
import type { PermissionLevel } from './PermissionLevel';

/** The per-sensitivity documents of one calendar (DESIGN.md, Documents). */
export const ROOM_KINDS = ['full', 'private', 'titles', 'busy'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export type RoomAccess = 'none' | 'read' | 'write';

export interface AccessOptions {
  /** A delegate allowed to see the owner's private items. Ignored below 'delegate'. */
  seesPrivate?: boolean;
}

/**
 * What a connection at `level` may do with a room: the relay's rule, which the
 * client mirrors. From DESIGN.md's table:
 *  - full: read from reviewer up, write from editor up;
 *  - private: owner, and delegates allowed private items, read and write;
 *  - titles / busy: derived by the relay, so never written by a client; readable
 *    by anyone entitled to that much (limited / availability and up), since they
 *    hold a subset of what a higher level may see anyway.
 */
export function roomAccess(level: PermissionLevel, room: RoomKind, options: AccessOptions = {}): RoomAccess {
  switch (room) {
    case 'full':
      return atLeast(level, 'editor') ? 'write' : atLeast(level, 'reviewer') ? 'read' : 'none';
    case 'private':
      return level === 'owner' || (level === 'delegate' && options.seesPrivate === true) ? 'write' : 'none';
    case 'titles':
      return atLeast(level, 'limited') ? 'read' : 'none';
    case 'busy':
      return atLeast(level, 'availability') ? 'read' : 'none';
  }
}

/**
 * The rooms a device at `level` should replicate: the least that shows all the
 * level may see, so a device never holds more than it needs (a reviewer keeps
 * `full`, not also the projections; a limited viewer only `titles`).
 */
export function roomsToSync(level: PermissionLevel, options: AccessOptions = {}): RoomKind[] {
  if (atLeast(level, 'reviewer')) return roomAccess(level, 'private', options) === 'none' ? ['full'] : ['full', 'private'];
  if (level === 'limited') return ['titles'];
  if (level === 'availability') return ['busy'];
  return [];
}
