import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE, MESSAGE } from '../../shared/protocol/closeCodes';
import { applyClientUpdate } from './applyClientUpdate';
import type { Connection } from './Connection';
import { awarenessMessage, isEmptyStateVector, SYNC_SUBTYPE, syncStep2FromUpdate, syncStep2Message } from './messages';
import { parseAwarenessUpdate } from './parseAwarenessUpdate';
import type { RoomHost } from './RoomHost';

const MAX_AWARENESS_IDS = 8;

type Frame = { kind: 'sync'; sub: number; payload: Uint8Array } | { kind: 'awareness'; payload: Uint8Array } | { kind: 'query-awareness' };

/** Reads the y-websocket envelope of a frame; null when it is not exactly one well-formed message. */
function readFrame(data: Uint8Array): Frame | null {
  try {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    let frame: Frame;
    if (type === MESSAGE.sync) {
      const sub = decoding.readVarUint(d);
      if (sub !== SYNC_SUBTYPE.step1 && sub !== SYNC_SUBTYPE.step2 && sub !== SYNC_SUBTYPE.update) return null;
      frame = { kind: 'sync', sub, payload: decoding.readVarUint8Array(d) };
    } else if (type === MESSAGE.awareness) {
      frame = { kind: 'awareness', payload: decoding.readVarUint8Array(d) };
    } else if (type === MESSAGE.queryAwareness) {
      frame = { kind: 'query-awareness' };
    } else return null;
    return decoding.hasContent(d) ? null : frame;
  } catch {
    return null;
  }
}

export interface MessageContext {
  host: RoomHost;
  now: () => number;
  log: (message: string) => void;
  /** The socket's step 1 was answered: it holds what the relay has (admin review's "last synced"). */
  onSynced?: (conn: Connection) => void;
}

/** Handles one frame from a client; anything outside the protocol closes the socket (4400), too many 4429. */
export function handleMessage(ctx: MessageContext, conn: Connection, data: Uint8Array, isBinary: boolean): void {
  if (conn.closed || !conn.room) return;
  if (!conn.admit(data.length, ctx.now())) {
    conn.close(CLOSE.tooMany, 'rate-limit');
    return;
  }
  if (!isBinary) {
    conn.close(CLOSE.badFrame, 'text-frame');
    return;
  }
  const frame = readFrame(data);
  if (!frame) {
    conn.close(CLOSE.badFrame, 'bad-frame');
    return;
  }
  const room = conn.room;
  switch (frame.kind) {
    case 'sync':
      if (frame.sub === SYNC_SUBTYPE.step1) {
        try {
          Y.decodeStateVector(frame.payload);
        } catch {
          conn.close(CLOSE.badFrame, 'bad-state-vector');
          return;
        }
        conn.send(isEmptyStateVector(frame.payload) ? syncStep2FromUpdate(ctx.host.fullState(room)) : syncStep2Message(room.doc, frame.payload));
        ctx.onSynced?.(conn);
      } else {
        applyClientUpdate(ctx.host, conn, frame.payload, ctx.log);
      }
      return;
    case 'awareness': {
      const entries = parseAwarenessUpdate(frame.payload);
      if (entries === null) {
        conn.close(CLOSE.badFrame, 'bad-awareness');
        return;
      }
      // Presence is relayed where people work together, never stored; elsewhere ignored.
      if (!room.awareness) return;
      // Another person's presence is not this socket's to change; the same person
      // reconnecting (same client id, old socket not yet reaped) takes it over.
      if (entries.some((e) => { const owner = room.awarenessOwners.get(e.clientId); return owner !== undefined && owner !== conn && owner.userId !== conn.userId; })) return;
      for (const e of entries) {
        if (e.state === null) {
          conn.awarenessIds?.delete(e.clientId);
          if (room.awarenessOwners.get(e.clientId) === conn) room.awarenessOwners.delete(e.clientId);
        } else {
          (conn.awarenessIds ??= new Set()).add(e.clientId);
          room.awarenessOwners.set(e.clientId, conn);
        }
      }
      // One socket is one device: a few ids (reloads) are normal, dozens are not.
      if ((conn.awarenessIds?.size ?? 0) > MAX_AWARENESS_IDS) {
        conn.close(CLOSE.badFrame, 'awareness-ids');
        return;
      }
      applyAwarenessUpdate(room.awareness, frame.payload, conn);
      return;
    }
    case 'query-awareness':
      if (room.awareness) {
        const clients = [...room.awareness.getStates().keys()];
        if (clients.length > 0) conn.send(awarenessMessage(encodeAwarenessUpdate(room.awareness, clients)));
      }
      return;
  }
}
