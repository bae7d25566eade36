import WebSocket from 'ws';
import * as Y from 'yjs';
import type { CalendarEvent } from '../../src/shared/model/CalendarEvent';
import { defaultWhat } from '../../src/shared/model/CalendarEvent';
import { groupMap, readEvent, writeEvent } from '../../src/shared/model/eventDocument';
import { MESSAGE } from '../../src/shared/protocol/closeCodes';
import { applySyncFrame, EMPTY_STEP1, EMPTY_STEP2, readHeader, step1Frame, SYNC_STEP1, SYNC_STEP2, updateFrame } from './frames';
import { FANOUT_KEY, MARKER } from './marker';

/** Full clients of the coordinator: the fan-out editor, an uploader, and a new device replicating a calendar. */

export const nowNs = () => Number(process.hrtime.bigint());
const ORIGIN_RELAY = 'relay';

export class SyncClosed extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`socket closed ${code}${reason ? ` (${reason})` : ''}`);
  }
}

/**
 * A client holding a Y.Doc and syncing it the way y-websocket's provider does
 * (step 1 on open, answer the relay's step 1, apply its step 2 and updates, send
 * local updates as they happen).
 */
export class DocClient {
  readonly doc = new Y.Doc();
  /** CLOCK_MONOTONIC ns just before the last local update was handed to the socket. */
  lastSendNs = 0;
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === ORIGIN_RELAY) return;
      const frame = updateFrame(update);
      this.lastSendNs = nowNs();
      ws.send(frame);
    });
  }

  static connect(url: string, timeoutMs = 60_000): Promise<DocClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
    const client = new DocClient(ws);
    return new Promise((ok, ko) => {
      const timer = setTimeout(() => ko(new Error(`no sync from ${url} in ${timeoutMs} ms`)), timeoutMs);
      ws.on('open', () => ws.send(step1Frame(client.doc)));
      ws.on('message', (data: Buffer) => {
        const { reply, type, syncType } = applySyncFrame(client.doc, data, ORIGIN_RELAY);
        if (reply) ws.send(reply);
        if (type === MESSAGE.sync && syncType === SYNC_STEP2) {
          clearTimeout(timer);
          ok(client);
        }
      });
      ws.on('error', () => {});
      ws.on('close', (code, reason) => {
        client.closed = { code, reason: reason.toString() };
        clearTimeout(timer);
        ko(new SyncClosed(code, reason.toString()));
      });
    });
  }

  /** Writes the probe event whole (times and text), so later edits change an existing event. */
  seedProbe(): void {
    this.doc.transact(() =>
      writeEvent(this.doc, FANOUT_KEY, {
        when: { start: '2026-11-16T10:00', end: '2026-11-16T10:30', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] },
        what: defaultWhat(`${MARKER}0;`),
      }),
    );
  }

  /** Rewrites the probe event's title to carry `seq`; returns the send time (ns). */
  edit(seq: number): number {
    this.doc.transact(() => writeEvent(this.doc, FANOUT_KEY, { what: defaultWhat(`${MARKER}${seq};`) }));
    return this.lastSendNs;
  }

  /** Sends updates as they are, one frame each, and waits for the socket to drain. */
  async sendUpdates(updates: Uint8Array[]): Promise<void> {
    for (const u of updates) {
      Y.applyUpdate(this.doc, u, 'upload');
      // applyUpdate with a non-relay origin sends it through the update handler.
      while (this.ws.bufferedAmount > 4 << 20) await new Promise((ok) => setTimeout(ok, 5));
    }
    while (this.ws.bufferedAmount > 0) await new Promise((ok) => setTimeout(ok, 5));
  }

  close(): Promise<void> {
    return new Promise((ok) => {
      if (this.ws.readyState === WebSocket.CLOSED) return ok();
      this.ws.once('close', () => ok());
      this.ws.close();
    });
  }
}

/** Every event of a calendar document read into rows, as the replica's index reads them. */
export function readRows(doc: Y.Doc): CalendarEvent[] {
  const rows: CalendarEvent[] = [];
  for (const key of groupMap(doc, 'when').keys()) {
    const e = readEvent(doc, key);
    if (e) rows.push(e);
  }
  return rows;
}

export interface ReplicateRun {
  /** socket open (TCP + upgrade + the relay's auth) */
  openMs: number;
  /** the relay's sync step 2 (the whole document) fully received */
  receivedMs: number;
  /** applied to a fresh Y.Doc */
  appliedMs: number;
  /** every event read into rows: the figure */
  queryableMs: number;
  rows: number;
  step2Bytes: number;
}

/**
 * A new device: a fresh Y.Doc, one socket, sync step 1 of an empty state; when
 * the relay's step 2 arrives it is applied and every event read into rows.
 * Times are from creating the socket.
 */
export function replicateOnce(url: string, timeoutMs = 120_000): Promise<ReplicateRun> {
  const t0 = nowNs();
  const ms = (t: number) => Math.round((t - t0) / 1e4) / 100;
  const doc = new Y.Doc();
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
  return new Promise((ok, ko) => {
    let tOpen = 0;
    let done = false;
    const timer = setTimeout(() => {
      ws.terminate();
      ko(new Error(`no document from ${url} in ${timeoutMs} ms`));
    }, timeoutMs);
    ws.on('open', () => {
      tOpen = nowNs();
      ws.send(EMPTY_STEP1);
    });
    ws.on('message', (data: Buffer) => {
      if (done) return;
      const tRecv = nowNs();
      const { type, syncType } = readHeader(data);
      if (type !== MESSAGE.sync) return;
      if (syncType === SYNC_STEP1) {
        ws.send(EMPTY_STEP2);
        return;
      }
      if (syncType !== SYNC_STEP2) return;
      done = true;
      applySyncFrame(doc, data, ORIGIN_RELAY);
      const tApplied = nowNs();
      const rows = readRows(doc);
      const tRows = nowNs();
      clearTimeout(timer);
      ws.close();
      ok({ openMs: ms(tOpen), receivedMs: ms(tRecv), appliedMs: ms(tApplied), queryableMs: ms(tRows), rows: rows.length, step2Bytes: data.length });
    });
    ws.on('error', () => {});
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      if (!done) ko(new SyncClosed(code, reason.toString()));
    });
  });
}
