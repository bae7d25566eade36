import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultWhat } from '../../src/shared/model/CalendarEvent';
import { groupMap, writeEvent } from '../../src/shared/model/eventDocument';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { when, writeSample } from './support/events';
import { openRaw, step1Frame, updateFrame, type RawSocket } from './support/rawSocket';
import { startTestRelay, waitFor, within, type TestRelay } from './support/relayHarness';

/**
 * Frames no honest client sends: each costs the sender its socket with the
 * contract's close code, and afterwards the relay still serves and every
 * document is exactly what honest clients wrote.
 */
describe('hostile frames', () => {
  let t: TestRelay;
  let token: string;
  let calendarId: string;
  let room: string;
  let reference: string;

  const docJson = () => JSON.stringify(t.relay.rooms.peek(room)!.doc.toJSON());
  const open = () => openRaw(t.relay.syncUrl, room, token);

  beforeAll(async () => {
    t = await startTestRelay({ maxPayload: 512 * 1024, messagesPerSecond: 50, messageBurst: 100, sendBufferLimit: 256 * 1024, roomIdleMs: 60_000 });
    t.org('Test Org', 'none');
    await t.person('owner@example.com');
    token = (await t.signIn('owner@example.com')).accessToken;
    calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', token, { name: 'Target' })).body.id;
    room = `cal/${calendarId}/full`;
    const c = t.connect(room, token);
    await c.synced;
    writeSample(c.doc);
    await waitFor(() => t.relay.rooms.peek(room)!.doc.getMap('when').size === 2);
    reference = docJson();
    c.destroy();
  });
  afterAll(async () => {
    await t.close();
  });

  async function expectClose(raw: RawSocket, code: number, reason?: string): Promise<void> {
    const closed = await raw.closed;
    expect(closed.code).toBe(code);
    if (reason !== undefined) expect(closed.reason).toBe(reason);
    expect(docJson()).toBe(reference);
  }

  it('a truncated frame: 4400', async () => {
    const raw = await open();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 100);
    encoding.writeUint8Array(e, new Uint8Array([1, 2, 3]));
    raw.send(encoding.toUint8Array(e));
    await expectClose(raw, CLOSE.badFrame, 'bad-frame');
  });

  it('a frame above maxPayload: 4413', async () => {
    const raw = await open();
    raw.send(updateFrame(new Uint8Array(600 * 1024)));
    await expectClose(raw, CLOSE.tooLarge);
  });

  it('unknown message types, a client auth message, a text frame and trailing bytes: 4400', async () => {
    for (const frame of [new Uint8Array([7, 0]), new Uint8Array([2, 0, 3, 97, 98, 99]), new Uint8Array([0, 9, 0]), 'hello', new Uint8Array([0, 0, 1, 0, 42])]) {
      const raw = await open();
      raw.send(frame);
      await expectClose(raw, CLOSE.badFrame);
    }
  });

  it('garbage after a good sync: 4400, and a bad state vector: 4400', async () => {
    const raw = await open();
    raw.send(step1Frame(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => raw.messages.length >= 2, 2_000, 'sync step 2');
    raw.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    await expectClose(raw, CLOSE.badFrame);
    const raw2 = await open();
    raw2.send(step1Frame(new Uint8Array([5, 0xff, 0xff])));
    await expectClose(raw2, CLOSE.badFrame, 'bad-state-vector');
  });

  it('a malformed awareness update: 4400, nothing relayed', async () => {
    const raw = await open();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 10, 123, 34]));
    raw.send(encoding.toUint8Array(e));
    await expectClose(raw, CLOSE.badFrame, 'bad-awareness');
  });

  it('a flood: 4429', async () => {
    const raw = await open();
    const frame = step1Frame(Y.encodeStateVector(t.relay.rooms.peek(room)!.doc));
    for (let i = 0; i < 400; i++) raw.send(frame);
    await expectClose(raw, CLOSE.tooMany, 'rate-limit');
  });

  it('a reader too slow to keep up: 4429, the writer and the document unharmed', async () => {
    const reader = await open();
    // Stop reading: what the relay sends piles up in the kernel, then in the relay.
    const socket = (reader.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const writer = t.connect(room, token);
    await writer.synced;
    const big = 'd'.repeat(60_000);
    let written = 0;
    const readerConn = () => [...t.relay.rooms.connections].find((c) => c.room?.key === room && c !== undefined && c.closed);
    for (let i = 0; i < 400 && !readerConn(); i++) {
      writer.doc.transact(() => {
        for (let j = 0; j < 3; j++) writeEvent(writer.doc, `big-${i}-${j}`, { when: when(), what: { ...defaultWhat(`Big ${i}`), description: big } });
      });
      written += 3;
      await waitFor(() => t.relay.rooms.peek(room)!.doc.getMap('when').has(`big-${i}-2`), 5_000, 'write stored');
    }
    expect(readerConn(), 'the relay closed the slow reader').toBeDefined();
    socket.resume();
    const closed = await reader.closed;
    // The close frame queued behind the backlog arrives once the reader reads again.
    expect(closed).toEqual({ code: CLOSE.tooMany, reason: 'slow-reader' });
    expect(await within(writer.closed, 200)).toBe('timeout');
    expect(t.relay.rooms.peek(room)!.doc.getMap('when').size).toBe(2 + written);
    writer.doc.transact(() => {
      for (let i = 0; i < written / 3; i++) for (let j = 0; j < 3; j++) groupMap(writer.doc, 'what').delete(`big-${i}-${j}`);
      for (let i = 0; i < written / 3; i++) for (let j = 0; j < 3; j++) groupMap(writer.doc, 'when').delete(`big-${i}-${j}`);
    });
    await waitFor(() => t.relay.rooms.peek(room)!.doc.getMap('when').size === 2, 5_000, 'cleanup');
    writer.destroy();
    reference = docJson();
  });

  it('afterwards the relay serves and the document is intact, also after a restart', async () => {
    const health = await t.api<{ ok: boolean }>('GET', '/api/health', null);
    expect(health.body.ok).toBe(true);
    const c = t.connect(room, token);
    await c.synced;
    const canon = (d: Y.Doc) => JSON.stringify((['when', 'what', 'who', 'rem'] as const).map((g) => Object.entries(groupMap(d, g).toJSON()).sort()));
    expect(canon(c.doc)).toBe(canon(t.relay.rooms.peek(room)!.doc));
    const before = canon(t.relay.rooms.peek(room)!.doc);
    await t.restart();
    expect(canon(t.relay.rooms.open({ kind: 'calendar', calendarId, doc: 'full' }).doc)).toBe(before);
    expect(t.logs).toEqual([]);
  });
});
