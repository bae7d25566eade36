import type { Connection } from './Connection';
import { inspectUpdate } from './inspectUpdate';
import { resetConnection } from './resetConnection';
import type { RoomHost } from './RoomHost';
import { validateCalendarItems } from './validateCalendarItems';

/**
 * A sync step 2 or update from a client. A read-only connection may send only
 * what the room has already (y-websocket always answers with its state); a
 * writer's update is checked whole before any of it is applied. Accepted:
 * stored, applied, sent on (RoomHost.commitClientUpdate). Refused: reset, 4409.
 */
export function applyClientUpdate(host: RoomHost, conn: Connection, update: Uint8Array, log: (m: string) => void): void {
  const room = conn.room;
  if (!room) return;
  const inspection = inspectUpdate(room.doc, update);
  if (!inspection.ok) {
    resetConnection(conn, inspection.reason);
    return;
  }
  if (!inspection.hasNew) return;
  if (conn.mode === 'read' || room.kind === 'titles' || room.kind === 'busy' || room.kind === 'inbox') {
    resetConnection(conn, 'read-only');
    return;
  }
  if (room.kind === 'full' || room.kind === 'private') {
    const why = validateCalendarItems(inspection.items, room.kind, { owner: conn.isOwner, deletedRoots: inspection.deletedRoots });
    if (why !== null) {
      resetConnection(conn, why);
      return;
    }
  }
  try {
    host.commitClientUpdate(room, update, conn);
  } catch (err) {
    log(`Could not store an update to ${room.key}: ${err instanceof Error ? err.message : String(err)}`);
    // Not a refusal of the client's data: 1011 lets it reconnect and send it again.
    conn.close(1011, 'store-failed');
  }
}
