import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

/** A bare websocket to a room, for frames no y-websocket client would send. */
export interface RawSocket {
  ws: WebSocket;
  messages: Buffer[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array | string): void;
}

export async function openRaw(syncUrl: string, room: string, token: string, options: { maxPayload?: number } = {}): Promise<RawSocket> {
  const ws = new WebSocket(`${syncUrl}/${room}?token=${encodeURIComponent(token)}`, { maxPayload: options.maxPayload ?? 256 * 1024 * 1024 });
  const messages: Buffer[] = [];
  ws.on('message', (d) => messages.push(d as Buffer));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', (code) => reject(new Error(`closed before open: ${code}`)));
  });
  // The relay speaks first (sync step 1) once the socket is accepted.
  await new Promise<void>((resolve) => {
    if (messages.length > 0) resolve();
    else ws.once('message', () => resolve());
  });
  return { ws, messages, closed, send: (frame) => ws.send(frame) };
}

export function updateFrame(update: Uint8Array, sub: 1 | 2 = 2): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function step1Frame(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}
