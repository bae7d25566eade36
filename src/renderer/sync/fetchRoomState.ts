import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** The relay closed the room for good while fetching it (4403, 4404, ...). */
export class RoomClosedError extends Error {
  override readonly name = 'RoomClosedError';

  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`The relay closed ${reason ? `(${reason}) ` : ''}with ${code}.`);
  }
}

export interface FetchRoomOptions {
  syncUrl: string;
  room: string;
  token: string;
  WebSocketImpl?: typeof WebSocket;
  timeoutMs?: number;
}

/**
 * The relay's current copy of a room, read into a fresh, empty Y.Doc: it sends
 * nothing but an empty answer, so a read-only connection is never refused. Used
 * before a reset, to see what the relay holds.
 */
export function fetchRoomState(options: FetchRoomOptions): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(options.syncUrl, options.room, doc, {
    connect: false,
    params: { token: options.token },
    disableBc: true,
    ...(options.WebSocketImpl ? { WebSocketPolyfill: options.WebSocketImpl } : {}),
  });
  provider.awareness.setLocalState(null);
  return new Promise<Uint8Array>((resolve, reject) => {
    let done = false;
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const state = Y.encodeStateAsUpdate(doc);
      provider.destroy();
      doc.destroy();
      if (err) reject(err);
      else resolve(state);
    };
    const timer = setTimeout(() => finish(new Error(`The relay did not send ${options.room} in time.`)), options.timeoutMs ?? 20_000);
    provider.on('sync', (synced: boolean) => {
      if (synced) finish(null);
    });
    provider.on('closed', ({ code, reason }) => finish(new RoomClosedError(code, reason)));
    provider.connect();
  });
}
