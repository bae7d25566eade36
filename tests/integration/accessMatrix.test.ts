import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { PermissionLevel } from '../../src/shared/permissions/PermissionLevel';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { PRIVATE_TITLE } from '../../src/shared/protocol/projectGroups';
import { readEvent } from '../../src/shared/model/eventDocument';
import { allText, keysOf, writePrivateDetails, writeProbe, writeSample } from './support/events';
import { startTestRelay, waitFor, within, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Every level against every room, reading and writing, with real y-websocket
 * clients: what each may open, what reaches it, and what is refused (4403 for a
 * room, 4409 for a write it may not make). The relay's store is checked after
 * each refused write: nothing of it landed.
 */

type Outcome = { kind: 'closed'; code: number; reason: string } | { kind: 'synced'; client: SyncClient };

async function probe(t: TestRelay, room: string, token: string): Promise<Outcome> {
  const client = t.connect(room, token);
  const r = await Promise.race([client.synced.then(() => 'synced' as const), client.closed]);
  if (r === 'synced') return { kind: 'synced', client };
  client.destroy();
  return { kind: 'closed', code: r.code, reason: r.reason };
}

const ROOMS = ['full', 'private', 'titles', 'busy', 'user', 'inbox'] as const;
type Room = (typeof ROOMS)[number];
type Expect = 'none' | 'read' | 'write';

// level (label) -> room -> expected access. "delegate+private" is a delegate allowed private items.
const EXPECTED: Record<string, Record<Room, Expect>> = {
  none: { full: 'none', private: 'none', titles: 'none', busy: 'none', user: 'none', inbox: 'none' },
  availability: { full: 'none', private: 'none', titles: 'none', busy: 'read', user: 'none', inbox: 'none' },
  limited: { full: 'none', private: 'none', titles: 'read', busy: 'read', user: 'none', inbox: 'none' },
  reviewer: { full: 'read', private: 'none', titles: 'read', busy: 'read', user: 'none', inbox: 'none' },
  editor: { full: 'write', private: 'none', titles: 'read', busy: 'read', user: 'none', inbox: 'none' },
  delegate: { full: 'write', private: 'none', titles: 'read', busy: 'read', user: 'none', inbox: 'none' },
  'delegate+private': { full: 'write', private: 'write', titles: 'read', busy: 'read', user: 'none', inbox: 'none' },
  'external-reviewer': { full: 'read', private: 'none', titles: 'read', busy: 'read', user: 'none', inbox: 'none' },
  'external-none': { full: 'none', private: 'none', titles: 'none', busy: 'none', user: 'none', inbox: 'none' },
  owner: { full: 'write', private: 'write', titles: 'read', busy: 'read', user: 'write', inbox: 'read' },
};

describe('access matrix: every level x every room x read and write', () => {
  let t: TestRelay;
  let calendarId: string;
  let ownerId: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestRelay();
    const org = t.org('Test Org', 'none');
    const other = t.org('Other Org', 'reviewer');
    const owner = await t.person('owner@example.com', { org });
    ownerId = owner.id;
    const ownerSession = await t.signIn('owner@example.com');
    tokens.set('owner', ownerSession.accessToken);
    const created = await t.api<{ id: string }>('POST', '/api/calendars', ownerSession.accessToken, { name: 'Owner' });
    calendarId = created.body.id;
    const grants: [string, PermissionLevel | null, boolean, typeof org][] = [
      ['none', null, false, org],
      ['availability', 'availability', false, org],
      ['limited', 'limited', false, org],
      ['reviewer', 'reviewer', false, org],
      ['editor', 'editor', false, org],
      ['delegate', 'delegate', false, org],
      ['delegate+private', 'delegate', true, org],
      ['external-reviewer', 'reviewer', false, other],
      ['external-none', null, false, other],
    ];
    for (const [label, level, seesPrivate, o] of grants) {
      const email = `${label.replace('+', '-')}@example.com`;
      const p = await t.person(email, { org: o });
      if (level) {
        const r = await t.api('PUT', `/api/calendars/${calendarId}/grants`, ownerSession.accessToken, { subject: { kind: 'user', id: p.id }, level, seesPrivate });
        expect(r.status).toBe(200);
      }
      tokens.set(label, (await t.signIn(email)).accessToken);
    }
    const full = t.connect(`cal/${calendarId}/full`, ownerSession.accessToken);
    const priv = t.connect(`cal/${calendarId}/private`, ownerSession.accessToken);
    await Promise.all([full.synced, priv.synced]);
    writeSample(full.doc);
    writePrivateDetails(priv.doc);
    // Projections load on first use; opening one derives it from `full`.
    await waitFor(() => keysOf(t.relay.rooms.open({ kind: 'calendar', calendarId, doc: 'titles', epoch: 0 }).doc, 'when').length === 2, 5_000, 'projections');
    await waitFor(() => keysOf(t.relay.rooms.peek(`cal/${calendarId}/private`)!.doc, 'what').length === 1, 5_000, 'private');
    full.destroy();
    priv.destroy();
  });
  afterAll(async () => {
    await t.close();
  });

  const roomName = (room: Room) =>
    room === 'user' ? `user/${ownerId}` : room === 'inbox' ? `inbox/${ownerId}` : room === 'titles' ? `cal/${calendarId}/titles@0` : room === 'busy' ? `cal/${calendarId}/busy@0` : `cal/${calendarId}/${room}`;

  function checkDelivered(room: Room, doc: Y.Doc): void {
    const text = allText(doc);
    switch (room) {
      case 'full':
        expect(readEvent(doc, 'pub')?.what.description).toBe('Quarterly numbers');
        expect(readEvent(doc, 'pub')?.who.attendees).toHaveLength(1);
        // The private event is a busy stub: none of its details are in `full`.
        expect(readEvent(doc, 'priv')?.what).toMatchObject({ title: '', location: '', description: '', private: true });
        expect(text).not.toContain('Doctor');
        expect(text).not.toContain('Clinic');
        break;
      case 'private':
        expect(readEvent(doc, 'priv')?.what.title).toBe('Doctor');
        break;
      case 'titles':
        expect(readEvent(doc, 'pub')?.what).toMatchObject({ title: 'Board meeting', location: 'Room 7', description: '', categories: [] });
        expect(readEvent(doc, 'priv')?.what).toMatchObject({ title: PRIVATE_TITLE, location: '' });
        for (const forbidden of ['Quarterly', 'Board"', 'Doctor', 'Clinic', 'Check-up', 'x@example.com']) expect(text).not.toContain(forbidden);
        expect(keysOf(doc, 'who')).toEqual([]);
        expect(keysOf(doc, 'rem')).toEqual([]);
        break;
      case 'busy':
        expect(keysOf(doc, 'when')).toEqual(expect.arrayContaining(['priv', 'pub']));
        expect(readEvent(doc, 'pub')?.what).toMatchObject({ title: '', location: '', showAs: 'busy' });
        for (const forbidden of ['Board', 'Room 7', 'Quarterly', 'Doctor', 'Clinic', PRIVATE_TITLE, 'x@example.com']) expect(text).not.toContain(forbidden);
        break;
      case 'user':
      case 'inbox':
        break;
    }
  }

  async function attemptWrite(room: Room, client: SyncClient, label: string): Promise<'accepted' | 'reset'> {
    const key = `probe-${label}-${room}`;
    if (room === 'user' || room === 'inbox') client.doc.getMap('settings').set(key, 'x');
    else writeProbe(client.doc, key);
    const roomDoc = () => t.relay.rooms.peek(roomName(room))?.doc;
    const landed = () => {
      const d = roomDoc();
      return d !== undefined && (room === 'user' || room === 'inbox' ? d.getMap('settings').has(key) : d.getMap('when').has(key));
    };
    const r = await Promise.race([client.closed, waitFor(landed, 3_000, 'write').then(() => 'landed' as const)]);
    if (r === 'landed') return 'accepted';
    expect(r.code).toBe(CLOSE.reset);
    expect(client.denied).toEqual(['reset:read-only']);
    // Refused whole: nothing of it reached the relay's document.
    expect(landed()).toBe(false);
    return 'reset';
  }

  for (const label of Object.keys(EXPECTED)) {
    it(`${label}`, async () => {
      const token = tokens.get(label)!;
      await Promise.all(
        ROOMS.map(async (room) => {
          const expected = EXPECTED[label]![room];
          const outcome = await probe(t, roomName(room), token);
          if (expected === 'none') {
            expect(outcome.kind, `${label} opening ${room}`).toBe('closed');
            if (outcome.kind === 'closed') expect(outcome.code, `${label} ${room}: ${outcome.reason}`).toBe(CLOSE.forbidden);
            return;
          }
          expect(outcome.kind, `${label} opening ${room}`).toBe('synced');
          if (outcome.kind !== 'synced') return;
          checkDelivered(room, outcome.client.doc);
          const result = await attemptWrite(room, outcome.client, label);
          expect(result, `${label} writing ${room}`).toBe(expected === 'write' ? 'accepted' : 'reset');
          outcome.client.destroy();
        }),
      );
    });
  }

  it('refuses unknown calendars, stale epochs, bad room names and missing or bad tokens', async () => {
    const owner = tokens.get('owner')!;
    const cases: [string, string, number][] = [
      [`cal/nope/full`, owner, CLOSE.notFound],
      [`cal/${calendarId}/titles@7`, owner, CLOSE.notFound],
      [`cal/${calendarId}/other`, owner, CLOSE.notFound],
      [`cal/${calendarId}/full`, 'v1.garbage.token', CLOSE.unauthorized],
      [`cal/${calendarId}/full`, '', CLOSE.unauthorized],
    ];
    for (const [room, token, code] of cases) {
      const o = await probe(t, room, token);
      expect(o.kind, room).toBe('closed');
      if (o.kind === 'closed') expect(o.code, `${room}: ${o.reason}`).toBe(code);
    }
  });

  it('accepts the token as a Sec-WebSocket-Protocol value and answers with an offered protocol', async () => {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(`${t.relay.syncUrl}/cal/${calendarId}/busy@0`, ['tessera', tokens.get('availability')!]);
    const first = await new Promise<Buffer>((resolve, reject) => {
      ws.once('message', (d) => resolve(d as Buffer));
      ws.once('close', (code) => reject(new Error(`closed ${code}`)));
    });
    expect(ws.protocol).toBe('tessera');
    expect(first[0]).toBe(0);
    ws.close();
    expect(await within(new Promise((r) => ws.once('close', r)), 2_000)).not.toBe('timeout');
  });
});
