import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Connection } from './Connection';

export type RoomKind = 'full' | 'private' | 'titles' | 'busy' | 'user' | 'inbox';

/** Rooms that unload together: a calendar's `full` and its projections (kept in step), or one room alone. */
export interface RoomGroup {
  key: string;
  rooms: Room[];
  idleTimer: ReturnType<typeof setTimeout> | null;
  /**
   * For a calendar's group: its full room and its projections, each loaded only
   * once someone opens it (most readers only need `full`). A projection that is
   * not loaded misses nothing: loading reconciles it with `full`.
   */
  calendar: { id: string; full: Room; titles: Room | null; busy: Room | null } | null;
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
  /**
   * The whole document encoded as one update while it is unchanged since (the
   * stored snapshot it loaded from, or the last full encoding). A new device asks
   * for everything; re-encoding a 10,000-event document for each costs ~100 ms.
   */
  encodedState: Uint8Array | null;
}
