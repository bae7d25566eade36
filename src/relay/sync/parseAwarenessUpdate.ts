import * as decoding from 'lib0/decoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null when the client left. */
  state: unknown;
}

const MAX_ENTRIES = 64;
const MAX_STATE = 32 * 1024;

/**
 * Reads a whole y-protocols awareness update before any of it is applied, so a
 * truncated or oversized one is refused rather than half-applied. Null when it
 * is not one.
 */
export function parseAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    if (n > MAX_ENTRIES) return null;
    const out: AwarenessEntry[] = [];
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarString(d);
      if (json.length > MAX_STATE) return null;
      out.push({ clientId, clock, state: JSON.parse(json) as unknown });
    }
    if (decoding.hasContent(d)) return null;
    return out;
  } catch {
    return null;
  }
}
