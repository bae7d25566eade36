import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE } from '../../shared/protocol/closeCodes';

/** y-websocket frames the relay sends (y-protocols' sync and auth encodings). */

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
const PERMISSION_DENIED = 0;

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

export function syncStep2Message(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return syncStep2FromUpdate(Y.encodeStateAsUpdate(doc, stateVector));
}

/** Step 2 carrying an already encoded update (the whole document, for a client that holds nothing). */
export function syncStep2FromUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** True for a state vector that names no client: the sender holds nothing of the document. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0;
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.awareness);
  encoding.writeVarUint8Array(e, awarenessUpdate);
  return encoding.toUint8Array(e);
}

/** y-protocols/auth "permission denied", which y-websocket hands to its permission-denied handler. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.auth);
  encoding.writeVarUint(e, PERMISSION_DENIED);
  encoding.writeVarString(e, reason);
  return encoding.toUint8Array(e);
}

export const SYNC_SUBTYPE = { step1: SYNC_STEP1, step2: SYNC_STEP2, update: SYNC_UPDATE } as const;
