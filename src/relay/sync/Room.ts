import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Connection } from './Connection';

export type RoomKind = 'full' | 'private' | 'titles' | 'busy' | 'user' | 'inbox';

/** Rooms that unload together: a calendar's `full` and its projections (kept in step), or one room alone. */
export interface RoomGroup {
  key: string;
  rooms: Room[];
  idleTimer: ReturnType<typeof setTimeout> | null;
  /** For a calendar's group: its full room and current projections. */
  calendar: { id: string; full: Room; titles: Room; busy: Room } | null;
  /** Keys of `when`/`what` changed by the transaction being applied to `full`. */
  changedKeys: Set<string>;
  metaChanged: boolean;
}

/** One loaded Yjs document and the sockets syncing it. */
export interface Room {
  key: string;
  kind: RoomKind;
  doc: Y.Doc;
  group: RoomGroup;
  conns: Set<Connection>;
  /** Presence for rooms people edit together; null where it would leak who looks (projections, inbox). */
  awareness: Awareness | null;
  /** Which socket speaks for each presence client id, so nobody rewrites another person's presence. */
  awarenessOwners: Map<number, Connection>;
  /** Updates the relay itself made, waiting to be stored and sent. */
  captured: Uint8Array[];
  /** Newest stored row the document includes. */
  lastId: number;
  rowsSinceSnapshot: number;
  bytesSinceSnapshot: number;
}
