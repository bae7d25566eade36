/**
 * The fan-out editor rewrites one event's title to `fanout-seq:<n>;`. Yjs stores a
 * map value's string as UTF-8 bytes inside the update, so a subscriber finds the
 * sequence number by searching the frame's bytes, without decoding the update.
 */
export const MARKER = 'fanout-seq:';
export const FANOUT_KEY = 'fanout-probe';

const markerBytes = Buffer.from(MARKER, 'utf8');
const SEMI = 0x3b;

/** Every sequence number in a frame (normally one). */
export function parseMarkers(data: Buffer): number[] {
  const out: number[] = [];
  let at = data.indexOf(markerBytes);
  while (at >= 0) {
    let n = 0;
    let i = at + markerBytes.length;
    for (; i < data.length && data[i] !== SEMI; i++) n = n * 10 + (data[i]! - 48);
    out.push(n);
    at = data.indexOf(markerBytes, i);
  }
  return out;
}
