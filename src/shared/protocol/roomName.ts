/**
 * Room names (DESIGN.md, Documents): one Yjs document per room, one websocket per
 * room. Parsed on both sides so a malformed name is refused before any lookup.
 *
 *   cal/<calendarId>/full | cal/<calendarId>/private
 *   cal/<calendarId>/titles@<epoch> | cal/<calendarId>/busy@<epoch>
 *   user/<userId> | inbox/<userId>
 */
export type RoomName =
  | { kind: 'calendar'; calendarId: string; doc: 'full' | 'private' }
  | { kind: 'calendar'; calendarId: string; doc: 'titles' | 'busy'; epoch: number }
  | { kind: 'user'; userId: string }
  | { kind: 'inbox'; userId: string };

/** Ids are opaque to clients; this bounds them so they are safe in paths, SQL and logs. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function formatRoom(room: RoomName): string {
  switch (room.kind) {
    case 'user':
      return `user/${room.userId}`;
    case 'inbox':
      return `inbox/${room.userId}`;
    case 'calendar':
      return room.doc === 'titles' || room.doc === 'busy' ? `cal/${room.calendarId}/${room.doc}@${room.epoch}` : `cal/${room.calendarId}/${room.doc}`;
  }
}

export function parseRoom(name: string): RoomName | null {
  if (name.length > 200) return null;
  const parts = name.split('/');
  if (parts.length === 2 && (parts[0] === 'user' || parts[0] === 'inbox') && isId(parts[1])) {
    return { kind: parts[0], userId: parts[1] };
  }
  if (parts.length !== 3 || parts[0] !== 'cal' || !isId(parts[1])) return null;
  const calendarId = parts[1];
  const doc = parts[2]!;
  if (doc === 'full' || doc === 'private') return { kind: 'calendar', calendarId, doc };
  const m = /^(titles|busy)@(0|[1-9]\d{0,8})$/.exec(doc);
  if (!m) return null;
  return { kind: 'calendar', calendarId, doc: m[1] as 'titles' | 'busy', epoch: Number(m[2]) };
}
