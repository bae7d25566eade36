import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE } from '../../src/shared/protocol/closeCodes';

/**
 * y-websocket framing (DESIGN.md, Sync protocol) for the benchmark's cheap clients:
 * a subscriber that holds no Y.Doc reads only the frame header with lib0 and
 * replies with constant frames, so a thousand of them cost little beside the
 * relay they measure.
 */

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1 of a client that holds nothing: "send me everything". */
export const EMPTY_STEP1: Uint8Array = frame((e) => {
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeSyncStep1(e, new Y.Doc());
});

/** Sync step 2 of a client that holds nothing: an empty update. */
export const EMPTY_STEP2: Uint8Array = frame((e) => {
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc()));
});

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    syncProtocol.writeUpdate(e, update);
  });
}

export function step1Frame(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    syncProtocol.writeSyncStep1(e, doc);
  });
}

export interface FrameHeader {
  /** MESSAGE.sync, .awareness, .auth, ... */
  type: number;
  /** For sync frames: SYNC_STEP1, SYNC_STEP2 or SYNC_UPDATE; otherwise -1. */
  syncType: number;
}

/** Reads the message type (and the sync sub-type) without touching the payload. */
export function readHeader(data: Uint8Array): FrameHeader {
  const d = decoding.createDecoder(data);
  const type = decoding.readVarUint(d);
  const syncType = type === MESSAGE.sync && decoding.hasContent(d) ? decoding.readVarUint(d) : -1;
  return { type, syncType };
}

/**
 * Applies a sync frame to a full client's document and returns the reply to send
 * (or null): what y-websocket's provider does, without the provider.
 */
export function applySyncFrame(doc: Y.Doc, data: Uint8Array, origin: unknown): { reply: Uint8Array | null; syncType: number; type: number } {
  const d = decoding.createDecoder(data);
  const type = decoding.readVarUint(d);
  if (type !== MESSAGE.sync) return { reply: null, syncType: -1, type };
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  const syncType = syncProtocol.readSyncMessage(d, e, doc, origin);
  return { reply: encoding.length(e) > 1 ? encoding.toUint8Array(e) : null, syncType, type };
}
