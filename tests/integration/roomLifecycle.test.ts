import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readEvent } from '../../src/shared/model/eventDocument';
import { readAccess, readInboxItems } from '../../src/shared/protocol/inboxDocument';
import { PRIVATE_TITLE } from '../../src/shared/protocol/projectGroups';
import { createDemo, DEMO_PEOPLE } from '../../src/relay/cli/createDemo';
import { runAdminCommand } from '../../src/relay/cli/runAdminCommand';
import { openStore } from '../../src/relay/store/Store';
import * as encoding from 'lib0/encoding';
import { writeProbe } from './support/events';
import { openRaw } from './support/rawSocket';
import { startTestRelay, waitFor, type TestRelay } from './support/relayHarness';

describe('rooms in memory and on disk', () => {
  let t: TestRelay;
  let token: string;
  let userId: string;
  let calendarId: string;

  beforeAll(async () => {
    t = await startTestRelay({ roomIdleMs: 300, compactRows: 10 });
    t.org('Test Org', 'none');
    userId = (await t.person('kim@example.com')).id;
    token = (await t.signIn('kim@example.com')).accessToken;
    calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', token, { name: 'Kim' })).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('a document leaves memory soon after its last socket, not while one is open', async () => {
    const c = t.connect(`cal/${calendarId}/full`, token);
    await c.synced;
    await new Promise((r) => setTimeout(r, 500));
    expect(t.relay.rooms.peek(`cal/${calendarId}/full`)).toBeDefined();
    c.destroy();
    await waitFor(() => t.relay.rooms.peek(`cal/${calendarId}/full`) === undefined, 2_000, 'unload');
    expect(t.relay.rooms.peek(`cal/${calendarId}/titles@0`)).toBeUndefined();
  });

  it('compacts the log into a snapshot in one transaction, with the same content after a restart', async () => {
    const c = t.connect(`cal/${calendarId}/full`, token);
    await c.synced;
    for (let i = 0; i < 35; i++) {
      writeProbe(c.doc, `k${i}`, `Title ${i}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    await waitFor(() => t.relay.rooms.peek(`cal/${calendarId}/full`)?.doc.getMap('when').size === 35);
    expect(t.relay.store.rooms.pendingRows(`cal/${calendarId}/full`)).toBeLessThan(10);
    expect(t.relay.store.rooms.load(`cal/${calendarId}/full`).snapshot).not.toBeNull();
    const before = Y.encodeStateVector(t.relay.rooms.peek(`cal/${calendarId}/full`)!.doc);
    c.destroy();
    await t.restart();
    const doc = t.relay.rooms.open({ kind: 'calendar', calendarId, doc: 'full' }).doc;
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(readEvent(doc, 'k34')?.what.title).toBe('Title 34');
    token = (await t.signIn('kim@example.com')).accessToken;
  });

  it('relays presence (awareness) on shared documents, not on projections, and stores none of it', async () => {
    const a = t.connect(`cal/${calendarId}/full`, token);
    const b = t.connect(`cal/${calendarId}/full`, token);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Kim' });
    await waitFor(() => [...b.provider.awareness.getStates().values()].some((s) => (s as { user?: { name: string } }).user?.name === 'Kim'));
    const p1 = t.connect(`cal/${calendarId}/busy@0`, token);
    const p2 = t.connect(`cal/${calendarId}/busy@0`, token);
    await Promise.all([p1.synced, p2.synced]);
    p1.provider.awareness.setLocalStateField('user', { name: 'Hidden' });
    await new Promise((r) => setTimeout(r, 300));
    // Only its own state: who looks at a projection is not shown to others.
    expect(p2.provider.awareness.getStates().size).toBe(1);
    a.provider.awareness.setLocalState(null);
    for (const c of [a, b, p1, p2]) c.destroy();
  });

  it('one person cannot rewrite another person\'s presence', async () => {
    const other = await t.person('mo@example.com');
    await t.api('PUT', `/api/calendars/${calendarId}/grants`, token, { subject: { kind: 'user', id: other.id }, level: 'editor' });
    const moToken = (await t.signIn('mo@example.com')).accessToken;
    const kim = t.connect(`cal/${calendarId}/full`, token);
    const watcher = t.connect(`cal/${calendarId}/full`, token);
    await Promise.all([kim.synced, watcher.synced]);
    kim.provider.awareness.setLocalStateField('user', { name: 'Kim' });
    const kimId = kim.doc.clientID;
    await waitFor(() => (watcher.provider.awareness.getStates().get(kimId) as { user?: { name: string } } | undefined)?.user?.name === 'Kim');
    const raw = await openRaw(t.relay.syncUrl, `cal/${calendarId}/full`, moToken);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, kimId);
    encoding.writeVarUint(inner, 1000);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: 'Impostor' } }));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    raw.send(encoding.toUint8Array(e));
    await new Promise((r) => setTimeout(r, 200));
    expect((watcher.provider.awareness.getStates().get(kimId) as { user?: { name: string } }).user?.name).toBe('Kim');
    raw.ws.close();
    kim.destroy();
    watcher.destroy();
  });

  it('an inbox reconciles on load with changes made while its owner was away (the CLI, another process)', async () => {
    const other = await t.person('lee@example.com');
    const leeToken = (await t.signIn('lee@example.com')).accessToken;
    const store = openStore(t.relay.dbPath);
    try {
      await runAdminCommand(store, ['share', '--calendar', calendarId, '--email', 'lee@example.com', '--level', 'reviewer'], () => {});
    } finally {
      store.close();
    }
    const inbox = t.connect(`inbox/${other.id}`, leeToken);
    await inbox.synced;
    await waitFor(() => readAccess(inbox.doc).some((a) => a.id === calendarId));
    expect(readAccess(inbox.doc).find((a) => a.id === calendarId)).toMatchObject({ level: 'reviewer', via: 'direct' });
    expect(readInboxItems(inbox.doc).find((i) => i.kind === 'invitation')).toMatchObject({ calendarId, level: 'reviewer', fromId: 'cli', status: 'pending' });
    expect(userId).toBeTruthy();
    inbox.destroy();
  });
});

describe('demo organisation', () => {
  let t: TestRelay;
  beforeAll(async () => {
    t = await startTestRelay();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates people, departments, shared calendars and events; signs in with the printed passwords', async () => {
    const first = await createDemo(t.relay.sharing, t.relay.rooms);
    expect(first.created).toBe(true);
    expect((await createDemo(t.relay.sharing, t.relay.rooms)).created).toBe(false);
    const [alice, bob, , dave] = DEMO_PEOPLE;
    const bobSession = await t.signIn(bob.email, bob.password);
    const daveSession = await t.signIn(dave.email, dave.password);
    expect((await t.signIn(alice.email, alice.password)).user.isAdmin).toBe(true);
    const inbox = t.connect(`inbox/${bobSession.user.id}`, bobSession.accessToken);
    await inbox.synced;
    await waitFor(() => readAccess(inbox.doc).length >= 2);
    const aliceCal = readAccess(inbox.doc).find((a) => a.ownerName === 'Alice Admin')!;
    expect(aliceCal.level).toBe('limited');
    const titles = t.connect(`cal/${aliceCal.id}/titles@0`, bobSession.accessToken);
    await titles.synced;
    await waitFor(() => readEvent(titles.doc, 'demo-doctor') !== null);
    expect(readEvent(titles.doc, 'demo-doctor')?.what.title).toBe(PRIVATE_TITLE);
    const priv = t.connect(`cal/${aliceCal.id}/private`, daveSession.accessToken);
    await priv.synced;
    await waitFor(() => readEvent(priv.doc, 'demo-doctor') !== null);
    expect(readEvent(priv.doc, 'demo-doctor')?.what.title).toBe('Doctor');
  });
});
