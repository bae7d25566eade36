import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultWhat, MAX_TITLE } from '../../src/shared/model/CalendarEvent';
import { writeEvent } from '../../src/shared/model/eventDocument';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { when, writeSample } from './support/events';
import { openRaw, updateFrame } from './support/rawSocket';
import { startTestRelay, waitFor, type TestRelay } from './support/relayHarness';

/**
 * A writer's update that fails validation is refused whole (reset, 4409) and
 * leaves the stored document exactly as it was: same state vector, same
 * content, no new rows; also after a restart from the data file.
 */
describe('update validation', () => {
  let t: TestRelay;
  let token: string;
  let calendarId: string;
  const roomKey = () => `cal/${calendarId}/full`;

  beforeAll(async () => {
    t = await startTestRelay({ roomIdleMs: 60_000 });
    t.org('Test Org', 'none');
    await t.person('editor@example.com');
    token = (await t.signIn('editor@example.com')).accessToken;
    calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', token, { name: 'Mine' })).body.id;
    const c = t.connect(roomKey(), token);
    await c.synced;
    writeSample(c.doc);
    await waitFor(() => t.relay.rooms.peek(roomKey())!.doc.getMap('when').size === 2);
    c.destroy();
  });
  afterAll(async () => {
    await t.close();
  });

  /** A client doc that starts from the relay's state, so its update only adds `change`. */
  function craft(change: (doc: Y.Doc) => void): Uint8Array {
    const server = t.relay.rooms.peek(roomKey())!.doc;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(doc);
    change(doc);
    return Y.encodeStateAsUpdate(doc, sv);
  }

  const bad: [string, string, (doc: Y.Doc) => void][] = [
    ['an unknown root type', 'unknown-root:evil', (d) => d.getMap('evil').set('x', 'y')],
    ['text instead of map entries', 'not-a-map-entry:notes', (d) => d.getText('notes').insert(0, 'hello')],
    ['a value that is not JSON', 'invalid:when', (d) => d.getMap('when').set('k1', 'not json')],
    ['a non-string value', 'invalid:what', (d) => d.getMap('what').set('k2', { title: 'object' } as unknown as string)],
    ['a when with a bad date', 'invalid:when', (d) => d.getMap('when').set('k3', JSON.stringify({ ...when(), start: 'tomorrow' }))],
    ['a title over MAX_TITLE', 'invalid:what', (d) => writeEvent(d, 'k4', { when: when(), what: defaultWhat('x'.repeat(MAX_TITLE + 1)) })],
    ['private details in full', 'private-details-in-full', (d) => writeEvent(d, 'k5', { when: when(), what: { ...defaultWhat('Secret'), private: true } })],
    ['a nested Y.Map', 'content-type:who', (d) => d.getMap('who').set('k6', new Y.Map() as unknown as string)],
    ['an unknown meta key', 'invalid:meta.colour', (d) => d.getMap('meta').set('colour', 'red')],
    ['a valid event next to an invalid one', 'invalid:rem', (d) => {
      writeEvent(d, 'valid-one', { when: when(), what: defaultWhat('Fine') });
      d.getMap('rem').set('valid-one', JSON.stringify([-5]));
    }],
  ];

  for (const [what, reason, change] of bad) {
    it(`refuses ${what} (4409 reset:${reason}) and stores nothing`, async () => {
      const room = t.relay.rooms.peek(roomKey())!;
      const before = { sv: Y.encodeStateVector(room.doc), json: JSON.stringify(room.doc.toJSON()), rows: t.relay.store.rooms.pendingRows(roomKey()) };
      const update = craft(change);
      const raw = await openRaw(t.relay.syncUrl, roomKey(), token);
      raw.send(updateFrame(update));
      const closed = await raw.closed;
      expect(closed.code).toBe(CLOSE.reset);
      expect(closed.reason).toBe(`reset:${reason}`);
      // The auth "permission denied" message came first, with the same reason.
      expect(raw.messages.some((m) => m[0] === 2 && m.toString('utf8').includes(`reset:${reason}`))).toBe(true);
      const after = t.relay.rooms.peek(roomKey())!;
      expect(Y.encodeStateVector(after.doc)).toEqual(before.sv);
      expect(JSON.stringify(after.doc.toJSON())).toBe(before.json);
      expect(t.relay.store.rooms.pendingRows(roomKey())).toBe(before.rows);
    });
  }

  it('refuses an update that depends on content the relay never received (missing-dependency)', async () => {
    const server = t.relay.rooms.peek(roomKey())!.doc;
    const a = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(a);
    writeEvent(a, 'ghost', { when: when(), what: defaultWhat('Never sent') });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const svA = Y.encodeStateVector(b);
    b.getMap('when').set('ghost', JSON.stringify(when('2026-05-01T10:00', '2026-05-01T11:00')));
    // Only b's overwrite, whose origin is a's item the relay never saw.
    const update = Y.encodeStateAsUpdate(b, svA);
    expect(Y.encodeStateAsUpdate(a, sv).length).toBeGreaterThan(0);
    const raw = await openRaw(t.relay.syncUrl, roomKey(), token);
    raw.send(updateFrame(update));
    expect(await raw.closed).toEqual({ code: CLOSE.reset, reason: 'reset:missing-dependency' });
    expect(t.relay.rooms.peek(roomKey())!.doc.getMap('when').has('ghost')).toBe(false);
  });

  it('lets only the owner write or delete the calendar name (meta)', async () => {
    const p = await t.person('colleague@example.com');
    await t.api('PUT', `/api/calendars/${calendarId}/grants`, token, { subject: { kind: 'user', id: p.id }, level: 'editor' });
    const colleague = (await t.signIn('colleague@example.com')).accessToken;
    const rename = craft((d) => d.getMap('meta').set('name', 'Not yours'));
    let raw = await openRaw(t.relay.syncUrl, roomKey(), colleague);
    raw.send(updateFrame(rename));
    expect(await raw.closed).toEqual({ code: CLOSE.reset, reason: 'reset:meta-owner-only' });
    // The owner may; then a colleague deleting it is refused too.
    raw = await openRaw(t.relay.syncUrl, roomKey(), token);
    raw.send(updateFrame(craft((d) => d.getMap('meta').set('name', 'Mine'))));
    await waitFor(() => t.relay.store.sharing.calendar(calendarId)?.name === 'Mine');
    raw.ws.close();
    raw = await openRaw(t.relay.syncUrl, roomKey(), colleague);
    raw.send(updateFrame(craft((d) => d.getMap('meta').delete('name'))));
    expect(await raw.closed).toEqual({ code: CLOSE.reset, reason: 'reset:meta-owner-only' });
    expect(t.relay.rooms.peek(roomKey())!.doc.getMap('meta').get('name')).toBe('Mine');
  });

  it('refuses bytes that are no Yjs update (malformed-update)', async () => {
    const raw = await openRaw(t.relay.syncUrl, roomKey(), token);
    raw.send(updateFrame(new Uint8Array([5, 200, 1, 2, 3, 250, 250, 250])));
    expect(await raw.closed).toEqual({ code: CLOSE.reset, reason: 'reset:malformed-update' });
  });

  it('accepts an overwrite whose key is known only through its origin, and a delete', async () => {
    const update = craft((d) => {
      d.getMap('what').set('pub', JSON.stringify({ ...defaultWhat('Renamed'), location: 'Room 8' }));
      d.getMap('rem').delete('pub');
    });
    // The overwrite of an existing key carries no parent, only an origin.
    const item = Y.decodeUpdate(update).structs.find((s) => s instanceof Y.Item) as Y.Item;
    expect(item.parent).toBeNull();
    expect(item.origin).not.toBeNull();
    const raw = await openRaw(t.relay.syncUrl, roomKey(), token);
    raw.send(updateFrame(update));
    await waitFor(() => JSON.parse(t.relay.rooms.peek(roomKey())!.doc.getMap<string>('what').get('pub')!).title === 'Renamed');
    expect(t.relay.rooms.peek(roomKey())!.doc.getMap('rem').has('pub')).toBe(false);
    raw.ws.close();
  });

  it('keeps the refused nothing across a restart from the data file', async () => {
    const json = JSON.stringify(t.relay.rooms.peek(roomKey())!.doc.toJSON());
    const dir = t.dir;
    await t.relay.close();
    const { startRelay } = await import('../../src/relay/startRelay');
    const again = await startRelay({ dataDir: dir, port: 0, log: () => {} });
    try {
      const doc = again.rooms.open({ kind: 'calendar', calendarId, doc: 'full' }).doc;
      expect(doc.toJSON()).toEqual(JSON.parse(json));
      for (const k of ['evil', 'notes']) expect(doc.share.has(k)).toBe(false);
      expect(doc.getMap('when').has('valid-one')).toBe(false);
    } finally {
      await again.close();
    }
  });
});
