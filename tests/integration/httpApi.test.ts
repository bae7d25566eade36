import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorSchema,
  auditListSchema,
  calendarAccessSchema,
  calendarListSchema,
  directorySchema,
  groupListSchema,
  groupSchema,
  peopleListSchema,
  permissionsSchema,
  personSchema,
  type Permissions,
} from '../../src/shared/protocol/api';
import { metaMap } from '../../src/shared/model/eventDocument';
import { startTestRelay, waitFor, type TestRelay } from './support/relayHarness';

describe('HTTP API', () => {
  let t: TestRelay;
  let web: string;
  let admin: string;
  let alice: string;
  let bob: string;
  let bobId: string;
  let carolId: string;

  beforeAll(async () => {
    web = mkdtempSync(path.join(tmpdir(), 'tessera-web-'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src \'self\'"><title>Tessera</title>');
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'assets', 'app-123.js'), 'console.log(1)');
    writeFileSync(path.join(path.dirname(web), 'secret.txt'), 'secret');
    t = await startTestRelay({ webRoot: web, maxBodyBytes: 4096 });
    t.org('Test Org', 'availability');
    await t.person('admin@example.com', { admin: true, name: 'Admin' });
    await t.person('alice@example.com', { name: 'Alice' });
    bobId = (await t.person('bob@example.com', { name: 'Bob' })).id;
    carolId = (await t.person('carol@example.com', { name: 'Carol' })).id;
    admin = (await t.signIn('admin@example.com')).accessToken;
    alice = (await t.signIn('alice@example.com')).accessToken;
    bob = (await t.signIn('bob@example.com')).accessToken;
  });
  afterAll(async () => {
    await t.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('directory: the people and groups of the caller\'s organisation and its default', async () => {
    const r = await t.api('GET', '/api/directory', alice);
    const dir = directorySchema.parse(r.body);
    expect(dir.people.map((p) => p.email).sort()).toEqual(['admin@example.com', 'alice@example.com', 'bob@example.com', 'carol@example.com']);
    expect(dir.orgDefaultLevel).toBe('availability');
  });

  it('calendars: create (client id allowed, idempotent for its owner), list, get, rename, refuse taken and bad ids', async () => {
    const c = await t.api('POST', '/api/calendars', alice, { id: 'alice-main', name: 'Alice main' });
    expect(c.status).toBe(201);
    expect(calendarAccessSchema.parse(c.body)).toMatchObject({ id: 'alice-main', level: 'owner', via: 'owner', ownerName: 'Alice', seesPrivate: true, stale: false });
    expect((await t.api('POST', '/api/calendars', alice, { id: 'alice-main', name: 'Alice main' })).status).toBe(200);
    const taken = await t.api('POST', '/api/calendars', bob, { id: 'alice-main', name: 'Mine' });
    expect(taken.status).toBe(409);
    expect(apiErrorSchema.parse(taken.body).error.code).toBe('conflict');
    expect((await t.api('POST', '/api/calendars', alice, { id: 'bad id!', name: 'x' })).status).toBe(400);
    expect((await t.api('POST', '/api/calendars', alice, { name: '' })).status).toBe(400);
    // Bob sees it through the organisation default.
    const list = calendarListSchema.parse((await t.api('GET', '/api/calendars', bob)).body);
    expect(list.calendars.find((x) => x.id === 'alice-main')).toMatchObject({ level: 'availability', via: 'default' });
    expect((await t.api('GET', '/api/calendars/alice-main', bob)).status).toBe(200);
    // Rename: the store, the document's meta name, and the list.
    const renamed = await t.api('PATCH', '/api/calendars/alice-main', alice, { name: 'Alice at work' });
    expect(renamed.status).toBe(200);
    expect(calendarAccessSchema.parse(renamed.body).name).toBe('Alice at work');
    expect(metaMap(t.relay.rooms.open({ kind: 'calendar', calendarId: 'alice-main', doc: 'full' }).doc).get('name')).toBe('Alice at work');
    expect((await t.api('PATCH', '/api/calendars/alice-main', bob, { name: 'Hijack' })).status).toBe(403);
  });

  it('a name changed inside the full document reaches the store and the list', async () => {
    const owner = t.connect('cal/alice-main/full', alice);
    await owner.synced;
    owner.doc.transact(() => metaMap(owner.doc).set('name', 'Renamed in the app'));
    await waitFor(() => t.relay.store.sharing.calendar('alice-main')?.name === 'Renamed in the app');
    const list = calendarListSchema.parse((await t.api('GET', '/api/calendars', bob)).body);
    expect(list.calendars.find((x) => x.id === 'alice-main')?.name).toBe('Renamed in the app');
    owner.destroy();
  });

  it('permissions: grants to people and groups, effective levels with their source, defaults, removal', async () => {
    const group = groupSchema.parse((await t.api('POST', '/api/admin/groups', admin, { name: 'Engineering' })).body);
    expect((await t.api('PUT', `/api/admin/groups/${group.id}/members`, admin, { userId: carolId })).status).toBe(200);
    let r = await t.api<Permissions>('PUT', '/api/calendars/alice-main/grants', alice, { subject: { kind: 'user', id: bobId }, level: 'delegate', seesPrivate: true, message: 'Cover for me' });
    expect(r.status).toBe(200);
    r = await t.api<Permissions>('PUT', '/api/calendars/alice-main/grants', alice, { subject: { kind: 'group', id: group.id }, level: 'reviewer' });
    const p = permissionsSchema.parse(r.body);
    expect(p.grants.map((g) => [g.subject.kind, g.subject.name, g.level, g.seesPrivate])).toEqual([
      ['user', 'Bob', 'delegate', true],
      ['group', 'Engineering', 'reviewer', false],
    ]);
    const eff = Object.fromEntries(p.effective.map((e) => [e.name, [e.level, e.via]]));
    expect(eff).toEqual({ Alice: ['owner', 'owner'], Bob: ['delegate', 'direct'], Carol: ['reviewer', 'group'], Admin: ['availability', 'default'] });
    expect(p.defaultLevel).toBeNull();
    expect(p.orgDefaultLevel).toBe('availability');
    const d = permissionsSchema.parse((await t.api('PUT', '/api/calendars/alice-main/default', alice, { level: 'limited' })).body);
    expect(d.defaultLevel).toBe('limited');
    expect(d.effective.find((e) => e.name === 'Admin')).toMatchObject({ level: 'limited', via: 'default' });
    expect((await t.api('PUT', '/api/calendars/alice-main/default', alice, { level: 'owner' })).status).toBe(400);
    const removed = permissionsSchema.parse((await t.api('DELETE', `/api/calendars/alice-main/grants/group/${group.id}`, alice)).body);
    expect(removed.grants).toHaveLength(1);
    expect(removed.effective.find((e) => e.name === 'Carol')).toMatchObject({ level: 'limited', via: 'default' });
    expect((await t.api('DELETE', `/api/calendars/alice-main/grants/group/${group.id}`, alice)).status).toBe(404);
  });

  it('permissions are for the owner and admins; bad grants are refused with reasons', async () => {
    expect((await t.api('GET', '/api/calendars/alice-main/permissions', bob)).status).toBe(403);
    expect((await t.api('GET', '/api/calendars/alice-main/permissions', admin)).status).toBe(200);
    const notMine = await t.api('PUT', '/api/calendars/alice-main/grants', bob, { subject: { kind: 'user', id: carolId }, level: 'editor' });
    expect(notMine.status).toBe(403);
    const owner = await t.api('PUT', '/api/calendars/alice-main/grants', alice, { subject: { kind: 'user', id: t.relay.store.sharing.calendar('alice-main')!.owner_id }, level: 'editor' });
    expect(owner.status).toBe(400);
    const unknown = await t.api('PUT', '/api/calendars/alice-main/grants', alice, { subject: { kind: 'user', id: 'nobody' }, level: 'editor' });
    expect(unknown.status).toBe(404);
    const bad = await t.api('PUT', '/api/calendars/alice-main/grants', alice, { subject: { kind: 'user', id: carolId }, level: 'owner' });
    expect(bad.status).toBe(400);
    expect(apiErrorSchema.parse(bad.body).error.message).toContain('level');
    expect((await t.api('GET', '/api/calendars/nope/permissions', alice)).status).toBe(404);
  });

  it('audit: every share change, for the owner and admins', async () => {
    const r = await t.api('GET', '/api/calendars/alice-main/audit', alice);
    const entries = auditListSchema.parse(r.body).entries;
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['calendar.create', 'calendar.rename', 'grant.add', 'grant.remove', 'default.calendar']));
    expect(entries.find((e) => e.action === 'grant.add')).toMatchObject({ actorName: 'Alice', calendarId: 'alice-main' });
    expect((await t.api('GET', '/api/calendars/alice-main/audit', bob)).status).toBe(403);
    const org = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body);
    expect(org.entries.map((e) => e.action)).toContain('group.add-member');
  });

  it('admin endpoints: admins only', async () => {
    expect((await t.api('GET', '/api/admin/people', bob)).status).toBe(403);
    const people = peopleListSchema.parse((await t.api('GET', '/api/admin/people', admin)).body).people;
    expect(people).toHaveLength(4);
    const added = await t.api('POST', '/api/admin/people', admin, { email: 'Dan@Example.com', name: 'Dan', password: 'long enough pw' });
    expect(added.status).toBe(201);
    expect(personSchema.parse(added.body).email).toBe('dan@example.com');
    expect((await t.api('POST', '/api/admin/people', admin, { email: 'dan@example.com', name: 'Dan', password: 'long enough pw' })).status).toBe(409);
    expect((await t.api('POST', '/api/admin/people', admin, { email: 'eve@example.com', name: 'Eve', password: 'short' })).status).toBe(400);
    expect((await t.api('GET', '/api/admin/org', admin)).body).toEqual({ defaultLevel: 'availability' });
    expect((await t.api('PUT', '/api/admin/org', admin, { defaultLevel: 'delegate' })).status).toBe(400);
    expect((await t.api('PUT', '/api/admin/org', bob, { defaultLevel: 'none' })).status).toBe(403);
    const groups = groupListSchema.parse((await t.api('GET', '/api/admin/groups', admin)).body).groups;
    expect(groups.map((g) => g.name)).toEqual(['Engineering']);
  });

  it('deleting: only the owner or an admin', async () => {
    await t.api('POST', '/api/calendars', bob, { id: 'bob-temp', name: 'Temp' });
    expect((await t.api('DELETE', '/api/calendars/bob-temp', alice)).status).toBe(403);
    expect((await t.api('DELETE', '/api/calendars/bob-temp', bob)).status).toBe(204);
    expect((await t.api('GET', '/api/calendars/bob-temp', bob)).status).toBe(404);
  });

  it('protocol errors: unknown path 404, wrong method 405, bad JSON 400, wrong type 415, too large 413, CORS preflight', async () => {
    expect((await t.api('GET', '/api/nothing', alice)).status).toBe(404);
    const wrong = await fetch(`${t.relay.url}/api/calendars`, { method: 'PUT', headers: { Authorization: `Bearer ${alice}` } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    const badJson = await fetch(`${t.relay.url}/api/calendars`, { method: 'POST', headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json' }, body: '{"name":' });
    expect(badJson.status).toBe(400);
    expect(apiErrorSchema.parse(await badJson.json()).error.code).toBe('bad_request');
    const type = await fetch(`${t.relay.url}/api/calendars`, { method: 'POST', headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'text/plain' }, body: 'x' });
    expect(type.status).toBe(415);
    const big = await fetch(`${t.relay.url}/api/calendars`, { method: 'POST', headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(10_000) }) });
    expect(big.status).toBe(413);
    const pre = await fetch(`${t.relay.url}/api/calendars`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect((await fetch(`${t.relay.url}/ics/sometoken`)).status).toBe(404);
    expect((await fetch(`${t.relay.url}/sync/inbox/x`)).status).toBe(426);
  });

  it('serves the web app: files with their MIME type, index.html for routes, nothing outside the root', async () => {
    const index = await fetch(`${t.relay.url}/`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await index.text()).toContain('<title>Tessera</title>');
    const route = await fetch(`${t.relay.url}/calendar/week`);
    expect(await route.text()).toContain('<title>Tessera</title>');
    const js = await fetch(`${t.relay.url}/assets/app-123.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.relay.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${t.relay.url}/..%2fsecret.txt`)).status).toBe(404);
    expect(await (await fetch(`${t.relay.url}/../secret.txt`)).text()).not.toBe('secret');
  });
});
