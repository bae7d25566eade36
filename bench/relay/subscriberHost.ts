/**
 * Holds many subscriber sockets in one process (forked by the coordinator), so the
 * client side of the fan-out benchmark stays cheap and away from the relay's process.
 *
 * A subscriber is what a device's sync connection does on the wire, minus the
 * document: it sends sync step 1 of an empty state, answers the relay's step 1
 * with an empty step 2, and stamps every update frame on arrival
 * (process.hrtime, CLOCK_MONOTONIC, so comparable with the coordinator's send
 * stamps) before finding the editor's sequence marker in the frame's bytes. It
 * decodes only the frame header (lib0), never the update. A few subscribers
 * (`full`) instead apply every frame to a Y.Doc and check the edit arrived intact,
 * so the cheap path is known to see what a real client sees.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { groupMap } from '../../src/shared/model/eventDocument';
import { MESSAGE } from '../../src/shared/protocol/closeCodes';
import { applySyncFrame, EMPTY_STEP1, EMPTY_STEP2, readHeader, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from './frames';
import { FANOUT_KEY, MARKER, parseMarkers } from './marker';
import type { HostReply, HostRequest } from './subscriberProtocol';

const now = () => Number(process.hrtime.bigint());
const reply = (m: HostReply) => process.send?.(m);

interface Sub {
  index: number;
  ws: WebSocket;
  synced: boolean;
  doc: Y.Doc | null;
}

let subs: Sub[] = [];
/** seq -> receipt time (ns) per subscriber index; NaN until received. */
const receipts = new Map<number, { at: Float64Array; n: number }>();
let closeCodes: Record<string, number> = {};
let unexpectedCloses = 0;
let verifyFailures = 0;
let framesSeen = 0;
let closing = false;

function receipt(seq: number, index: number, t: number) {
  let r = receipts.get(seq);
  if (!r) {
    r = { at: new Float64Array(subs.length).fill(Number.NaN), n: 0 };
    receipts.set(seq, r);
  }
  if (!Number.isNaN(r.at[index]!)) return;
  r.at[index] = t;
  r.n++;
  if (r.n >= live) {
    receipts.delete(seq);
    reply({ op: 'got', seq, at: r.at });
  }
}

/** Synced subscribers whose socket is still open: a sequence is complete when each has it. */
let live = 0;

function onMessage(sub: Sub, data: Buffer) {
  const t = now();
  framesSeen++;
  if (sub.doc) {
    const { reply: r, type, syncType } = applySyncFrame(sub.doc, data, 'relay');
    if (r) sub.ws.send(r);
    if (type === MESSAGE.sync && syncType === SYNC_STEP2) markSynced(sub);
    if (type === MESSAGE.sync && syncType === SYNC_UPDATE) {
      const seqs = parseMarkers(data);
      const stored = groupMap(sub.doc, 'what').get(FANOUT_KEY) ?? '';
      if (seqs.length && !stored.includes(`${MARKER}${Math.max(...seqs)};`)) verifyFailures++;
      for (const seq of seqs) receipt(seq, sub.index, t);
    }
    return;
  }
  const { type, syncType } = readHeader(data);
  if (type !== MESSAGE.sync) return;
  if (syncType === SYNC_STEP1) sub.ws.send(EMPTY_STEP2);
  else if (syncType === SYNC_STEP2) markSynced(sub);
  else if (syncType === SYNC_UPDATE) for (const seq of parseMarkers(data)) receipt(seq, sub.index, t);
}

const syncWaiters = new Map<number, () => void>();
function markSynced(sub: Sub) {
  if (sub.synced) return;
  sub.synced = true;
  live++;
  syncWaiters.get(sub.index)?.();
  syncWaiters.delete(sub.index);
}

function openOne(index: number, url: string, full: boolean, timeoutMs: number): Promise<Sub | { error: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const sub: Sub = { index, ws, synced: false, doc: full ? new Y.Doc() : null };
    const timer = setTimeout(() => {
      syncWaiters.delete(index);
      ws.terminate();
      resolve({ error: 'timeout' });
    }, timeoutMs);
    syncWaiters.set(index, () => {
      clearTimeout(timer);
      resolve(sub);
    });
    // A full client's document starts empty too, so both announce an empty state.
    ws.on('open', () => ws.send(EMPTY_STEP1));
    ws.on('message', (data: Buffer) => onMessage(sub, data));
    ws.on('error', () => {});
    ws.on('close', (code) => {
      closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      if (!sub.synced) {
        clearTimeout(timer);
        syncWaiters.delete(index);
        resolve({ error: `closed ${code}` });
      } else {
        live--;
        if (!closing) unexpectedCloses++;
      }
    });
  });
}

async function open(m: Extract<HostRequest, { op: 'open' }>) {
  const t0 = now();
  closing = false;
  subs = [];
  live = 0;
  closeCodes = {};
  unexpectedCloses = 0;
  verifyFailures = 0;
  framesSeen = 0;
  const errors: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < m.count) {
      const i = next++;
      const r = await openOne(i, m.url, i < m.full, m.timeoutMs);
      if ('error' in r) errors[r.error] = (errors[r.error] ?? 0) + 1;
      else subs[i] = r;
    }
  };
  await Promise.all(Array.from({ length: Math.min(m.concurrency, m.count) }, worker));
  subs = subs.filter(Boolean);
  subs.forEach((s, i) => (s.index = i));
  reply({ op: 'opened', id: m.id, open: subs.length, errors, ms: (now() - t0) / 1e6 });
}

async function closeAll(id: number) {
  closing = true;
  await Promise.all(
    subs.map(
      (s) =>
        new Promise<void>((ok) => {
          if (s.ws.readyState === WebSocket.CLOSED) return ok();
          s.ws.once('close', () => ok());
          s.ws.close();
          setTimeout(() => {
            s.ws.terminate();
            ok();
          }, 5_000).unref();
        }),
    ),
  );
  subs = [];
  live = 0;
  receipts.clear();
  reply({ op: 'closed', id, closeCodes: { ...closeCodes }, unexpectedCloses, verifyFailures, framesSeen });
}

process.on('message', (raw) => {
  const m = raw as HostRequest;
  if (m.op === 'open') void open(m);
  else if (m.op === 'flush') {
    const r = receipts.get(m.seq);
    receipts.delete(m.seq);
    reply({ op: 'got', seq: m.seq, at: r?.at ?? new Float64Array(subs.length).fill(Number.NaN), partial: true });
  } else if (m.op === 'close') void closeAll(m.id);
  else if (m.op === 'exit') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
reply({ op: 'hello', pid: process.pid });
