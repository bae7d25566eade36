import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SHOW_AS, type EventWhat } from '../../src/shared/model/CalendarEvent';
import { deleteEventKey, groupMap, parseGroup, writeEvent } from '../../src/shared/model/eventDocument';
import { projectionEpochsSchema } from '../../src/shared/protocol/api';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { readAccess } from '../../src/shared/protocol/inboxDocument';
import { isPrivateStub, PRIVATE_TITLE, privateStub } from '../../src/shared/protocol/projectGroups';
import { when } from './support/events';
import { startTestRelay, waitFor, within, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * The titles and busy documents the relay derives never hold a field their
 * level excludes, whatever the owner writes (fast-check over random events,
 * private ones included), follow every change of `full`, keep their Yjs
 * history across a restart, and move to a new epoch on rebuild.
 */

const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcdefghij'.split('')) });
const eventArb = fc.record({
  key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f#2026-03-02T10:00'),
  remove: fc.boolean(),
  private: fc.boolean(),
  title: word,
  location: word,
  description: word,
  categories: fc.array(word, { maxLength: 2 }),
  showAs: fc.constantFrom(...SHOW_AS),
});
type Op = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

/** Marks every secret so a leak is found by searching the document's text. */
const secret = (field: string, v: string) => `${field.toUpperCase()}_${v}`;

/** The fields of `what` each projection may hold, and what they must be. */
function checkProjection(kind: 'titles' | 'busy', doc: Y.Doc, full: Y.Doc): void {
  // No other root at all: never attendees, never reminders (and reading them here would create them).
  for (const name of doc.share.keys()) expect(['when', 'what']).toContain(name);
  const text = JSON.stringify(doc.toJSON());
  expect(text).not.toContain('DESCRIPTION_');
  expect(text).not.toContain('CATEGORY_');
  if (kind === 'busy') {
    expect(text).not.toContain('TITLE_');
    expect(text).not.toContain('LOCATION_');
    expect(text).not.toContain(PRIVATE_TITLE);
  }
  groupMap(doc, 'what').forEach((raw, key) => {
    const what = parseGroup('what', raw)!;
    const source = parseGroup('what', groupMap(full, 'what').get(key))!;
    expect(what.description).toBe('');
    expect(what.categories).toEqual([]);
    expect(what.showAs).toBe(source.showAs);
    expect(what.private).toBe(source.private);
    if (kind === 'busy') expect([what.title, what.location]).toEqual(['', '']);
    else if (source.private) expect([what.title, what.location]).toEqual([PRIVATE_TITLE, '']);
    else expect([what.title, what.location]).toEqual([source.title, source.location]);
  });
  expect([...groupMap(doc, 'when').keys()].sort()).toEqual([...groupMap(full, 'when').keys()].sort());
  groupMap(doc, 'when').forEach((raw, key) => expect(raw).toBe(groupMap(full, 'when').get(key)));
}

describe('projections', () => {
  let t: TestRelay;
  let calendarId: string;
  let ownerToken: string;
  let limitedToken: string;
  let availabilityToken: string;
  let limitedId: string;

  beforeAll(async () => {
    t = await startTestRelay({ roomIdleMs: 60_000 });
    t.org('Test Org', 'none');
    await t.person('owner@example.com');
    const limited = await t.person('limited@example.com');
    limitedId = limited.id;
    const avail = await t.person('avail@example.com');
    ownerToken = (await t.signIn('owner@example.com')).accessToken;
    limitedToken = (await t.signIn('limited@example.com')).accessToken;
    availabilityToken = (await t.signIn('avail@example.com')).accessToken;
    calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', ownerToken, { name: 'Random' })).body.id;
    await t.api('PUT', `/api/calendars/${calendarId}/grants`, ownerToken, { subject: { kind: 'user', id: limited.id }, level: 'limited' });
    await t.api('PUT', `/api/calendars/${calendarId}/grants`, ownerToken, { subject: { kind: 'user', id: avail.id }, level: 'availability' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('never hold a field their level excludes (property, through the relay)', async () => {
    const full = t.connect(`cal/${calendarId}/full`, ownerToken);
    const priv = t.connect(`cal/${calendarId}/private`, ownerToken);
    const titles = t.connect(`cal/${calendarId}/titles@0`, limitedToken);
    const busy = t.connect(`cal/${calendarId}/busy@0`, availabilityToken);
    await Promise.all([full.synced, priv.synced, titles.synced, busy.synced]);
    const relayDoc = (room: string) => t.relay.rooms.peek(`cal/${calendarId}/${room}`)!.doc;
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 8 }), async (ops: Op[]) => {
        full.doc.transact(() => {
          priv.doc.transact(() => {
            for (const op of ops) {
              if (op.remove) {
                deleteEventKey(full.doc, op.key);
                deleteEventKey(priv.doc, op.key);
                continue;
              }
              const what: EventWhat = {
                title: secret('title', op.title),
                location: secret('location', op.location),
                description: secret('description', op.description),
                categories: op.categories.map((c) => secret('category', c)),
                showAs: op.showAs,
                private: op.private,
              };
              if (op.private) {
                writeEvent(full.doc, op.key, { when: when(), what: privateStub(what) });
                writeEvent(priv.doc, op.key, { when: when(), what });
              } else {
                writeEvent(full.doc, op.key, { when: when(), what });
                deleteEventKey(priv.doc, op.key);
              }
            }
          });
        });
        // Map order differs between replicas; compare sorted entries.
        const canon = (d: Y.Doc) => JSON.stringify((['when', 'what'] as const).map((g) => Object.entries(groupMap(d, g).toJSON()).sort(([a], [b]) => a.localeCompare(b))));
        const target = canon(full.doc);
        const same = (d: Y.Doc) => canon(d) === target;
        await waitFor(() => same(relayDoc('full')), 5_000, 'relay full');
        const expectTitles = (d: Y.Doc) => [...groupMap(d, 'when').keys()].sort().join() === [...groupMap(full.doc, 'when').keys()].sort().join();
        await waitFor(() => expectTitles(titles.doc) && expectTitles(busy.doc), 5_000, 'viewers');
        // Private details never reach `full` either: private events there are busy stubs.
        groupMap(relayDoc('full'), 'what').forEach((raw) => {
          const what = parseGroup('what', raw)!;
          if (what.private) expect(isPrivateStub(what)).toBe(true);
        });
        for (const [kind, doc] of [['titles', relayDoc('titles@0')], ['busy', relayDoc('busy@0')], ['titles', titles.doc], ['busy', busy.doc]] as const) {
          await waitFor(() => {
            try {
              checkProjection(kind, doc, relayDoc('full'));
              return true;
            } catch {
              return false;
            }
          }, 3_000, `${kind} consistent`).catch(() => checkProjection(kind, doc, relayDoc('full')));
        }
      }),
      { numRuns: 25 },
    );
    for (const c of [full, priv, titles, busy]) c.destroy();
  });

  it('keep the same Yjs history across a restart: a viewer reconnects without reset or epoch bump', async () => {
    const viewerDoc = new Y.Doc();
    const before = t.connect(`cal/${calendarId}/titles@0`, limitedToken, viewerDoc);
    await before.synced;
    const content = JSON.stringify(viewerDoc.toJSON());
    const history = Y.encodeStateVector(viewerDoc);
    await t.restart();
    ownerToken = (await t.signIn('owner@example.com')).accessToken;
    limitedToken = (await t.signIn('limited@example.com')).accessToken;
    const again = t.connect(`cal/${calendarId}/titles@0`, limitedToken, viewerDoc);
    await again.synced;
    // The viewer's copy has nothing the relay lacks: no reset, same content.
    expect(await within(again.closed, 300)).toBe('timeout');
    expect(JSON.stringify(viewerDoc.toJSON())).toBe(content);
    // Reloading re-derived nothing: the relay's copy has exactly the history the viewer has.
    expect(Y.encodeStateVector(t.relay.rooms.peek(`cal/${calendarId}/titles@0`)!.doc)).toEqual(history);
    const owner = t.connect(`cal/${calendarId}/full`, ownerToken);
    await owner.synced;
    owner.doc.transact(() => writeEvent(owner.doc, 'after-restart', { when: when(), what: { title: 'TITLE_after', location: '', description: 'DESCRIPTION_x', categories: [], showAs: 'busy', private: false } }));
    await waitFor(() => groupMap(viewerDoc, 'what').has('after-restart'));
    expect(parseGroup('what', groupMap(viewerDoc, 'what').get('after-restart'))?.title).toBe('TITLE_after');
    again.destroy();
    owner.destroy();
  });

  it('a projection not loaded while `full` changed catches up when opened; a new device gets the stored snapshot whole', async () => {
    await t.restart();
    ownerToken = (await t.signIn('owner@example.com')).accessToken;
    limitedToken = (await t.signIn('limited@example.com')).accessToken;
    const owner = t.connect(`cal/${calendarId}/full`, ownerToken);
    await owner.synced;
    // Only `full` is loaded: a reader of it needs nothing else.
    expect(t.relay.rooms.peek(`cal/${calendarId}/titles@0`)).toBeUndefined();
    owner.doc.transact(() => writeEvent(owner.doc, 'while-unloaded', { when: when(), what: { title: 'TITLE_unloaded', location: 'LOCATION_u', description: 'DESCRIPTION_u', categories: [], showAs: 'busy', private: false } }));
    await waitFor(() => groupMap(t.relay.rooms.peek(`cal/${calendarId}/full`)!.doc, 'when').has('while-unloaded'));
    expect(t.relay.rooms.peek(`cal/${calendarId}/titles@0`)).toBeUndefined();
    const viewer = t.connect(`cal/${calendarId}/titles@0`, limitedToken);
    await viewer.synced;
    expect(parseGroup('what', groupMap(viewer.doc, 'what').get('while-unloaded'))?.title).toBe('TITLE_unloaded');
    checkProjection('titles', viewer.doc, owner.doc);
    // A device holding nothing receives the whole document, equal to the owner's.
    const fresh = t.connect(`cal/${calendarId}/full`, ownerToken);
    await fresh.synced;
    expect(fresh.doc.getMap('when').toJSON()).toEqual(owner.doc.getMap('when').toJSON());
    expect(fresh.doc.getMap('what').toJSON()).toEqual(owner.doc.getMap('what').toJSON());
    for (const c of [owner, viewer, fresh]) c.destroy();
  });

  it('a rebuild bumps the epoch: old sockets close 4404, inboxes list the new epoch, content is re-derived', async () => {
    const old: SyncClient = t.connect(`cal/${calendarId}/titles@0`, limitedToken);
    const inbox = t.connect(`inbox/${limitedId}`, limitedToken);
    await Promise.all([old.synced, inbox.synced]);
    const r = await t.api('POST', `/api/calendars/${calendarId}/rebuild-projections`, ownerToken);
    expect(r.status).toBe(200);
    expect(projectionEpochsSchema.parse(r.body).epochs).toEqual({ titles: 1, busy: 1 });
    expect(await old.closed).toEqual({ code: CLOSE.notFound, reason: 'epoch-changed:1' });
    await waitFor(() => readAccess(inbox.doc).find((a) => a.id === calendarId)?.epochs.titles === 1);
    const stale = t.connect(`cal/${calendarId}/titles@0`, limitedToken);
    expect((await stale.closed).code).toBe(CLOSE.notFound);
    const fresh = t.connect(`cal/${calendarId}/titles@1`, limitedToken);
    await fresh.synced;
    const full = t.relay.rooms.peek(`cal/${calendarId}/full`)!.doc;
    checkProjection('titles', fresh.doc, full);
    expect(t.relay.store.rooms.load(`cal/${calendarId}/titles@0`)).toMatchObject({ snapshot: null, updates: [] });
  });
});
