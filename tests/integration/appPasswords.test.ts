import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWhat } from '../../src/shared/model/CalendarEvent';
import { groupMap, writeEvent } from '../../src/shared/model/eventDocument';
import { auditListSchema } from '../../src/shared/protocol/api';
import { appPasswordListSchema, appPasswordTokenSchema, createdAppPasswordSchema, type CreatedAppPassword } from '../../src/shared/protocol/appPasswords';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { runAdminCommand } from '../../src/relay/cli/runAdminCommand';
import { openStore } from '../../src/relay/store/Store';
import { when } from './support/events';
import { PASSWORD, startTestRelay, waitFor, type TestRelay } from './support/relayHarness';

/**
 * App passwords against a real relay: the personal feed at the person's level,
 * the read-only token exchange, and every way one stops working at once
 * (revoked, switched off for the organisation, the person removed).
 */
describe('app passwords', () => {
  let t: TestRelay;
  let owner: string;
  let reader: string;
  let admin: string;
  let calendarId: string;
  let readerId: string;

  const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
  const feed = async (path: string, auth?: string) => {
    const res = await fetch(t.relay.url + path, { headers: auth ? { Authorization: auth } : {} });
    return { status: res.status, body: await res.text(), headers: res.headers };
  };
  const create = async (token: string, name: string): Promise<CreatedAppPassword> => {
    const r = await t.api('POST', '/api/app-passwords', token, { name });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return createdAppPasswordSchema.parse(r.body);
  };
  const exchange = (email: string, password: string) => t.api('POST', '/api/auth/app-password', null, { email, password });

  beforeAll(async () => {
    t = await startTestRelay({ roomIdleMs: 60_000 });
    t.org('Test Org', 'none');
    await t.person('owner@example.com', { name: 'Olive Owner' });
    readerId = (await t.person('reader@example.com', { name: 'Rae Reader' })).id;
    await t.person('admin@example.com', { admin: true });
    owner = (await t.signIn('owner@example.com')).accessToken;
    reader = (await t.signIn('reader@example.com')).accessToken;
    admin = (await t.signIn('admin@example.com')).accessToken;
    calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', owner, { name: 'Olive work' })).body.id;
    const full = t.connect(`cal/${calendarId}/full`, owner);
    await full.synced;
    full.doc.transact(() => {
      writeEvent(full.doc, 'e1', { when: when('2026-05-04T10:00', '2026-05-04T11:00'), what: { ...defaultWhat('Dentist'), location: 'Main St', description: 'Secret notes' } });
    });
    await waitFor(() => groupMap(t.relay.rooms.peek(`cal/${calendarId}/full`)!.doc, 'what').has('e1'));
    full.destroy();
    expect((await t.api('PUT', `/api/calendars/${calendarId}/grants`, owner, { subject: { kind: 'user', id: readerId }, level: 'limited' })).status).toBe(200);
  });
  afterAll(async () => t.close());

  it('is shown once, listed with name, created and last used, and serves a personal feed at the person level', async () => {
    const created = await create(owner, 'Phone calendar');
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{6}(-[A-Za-z0-9_-]{6}){3}$/);
    const list = appPasswordListSchema.parse((await t.api('GET', '/api/app-passwords', owner)).body);
    expect(list.allowed).toBe(true);
    expect(list.appPasswords).toEqual([{ id: created.id, name: 'Phone calendar', createdAt: created.createdAt, lastUsedAt: null, revokedAt: null }]);
    expect(JSON.stringify(list)).not.toContain(created.password);

    const own = await feed(`/ics/me/${calendarId}.ics`, basic('owner@example.com', created.password));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toContain('text/calendar');
    expect(own.body).toContain('SUMMARY:Dentist');
    expect(own.body).toContain('Secret notes');
    const after = appPasswordListSchema.parse((await t.api('GET', '/api/app-passwords', owner)).body);
    expect(after.appPasswords[0]!.lastUsedAt).not.toBeNull();

    const rp = await create(reader, 'Reader feed');
    const limited = await feed(`/ics/me/${calendarId}.ics`, basic('reader@example.com', rp.password));
    expect(limited.status).toBe(200);
    expect(limited.body).toContain('SUMMARY:Dentist');
    expect(limited.body).not.toContain('Secret notes');
  });

  it('refuses the account password, a missing or malformed header, unknown or unreachable calendars', async () => {
    expect((await feed(`/ics/me/${calendarId}.ics`, basic('owner@example.com', PASSWORD))).status).toBe(401);
    expect((await exchange('owner@example.com', PASSWORD)).status).toBe(401);
    const none = await feed(`/ics/me/${calendarId}.ics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    expect((await feed(`/ics/me/${calendarId}.ics`, 'Basic !!!')).status).toBe(401);
    expect((await feed(`/ics/me/${calendarId}.ics`, `Basic ${Buffer.from('no-colon').toString('base64')}`)).status).toBe(401);
    const p = await create(admin, 'Admin feed');
    // The admin reaches nothing of Olive's calendar (default none): it is not found, like an unknown one.
    expect((await feed(`/ics/me/${calendarId}.ics`, basic('admin@example.com', p.password))).status).toBe(404);
    expect((await feed(`/ics/me/nope.ics`, basic('admin@example.com', p.password))).status).toBe(404);
    expect((await feed(`/ics/me/bad%20id.ics`, basic('admin@example.com', p.password))).status).toBe(404);
    const post = await fetch(`${t.relay.url}/ics/me/${calendarId}.ics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('never signs in to the app', async () => {
    const p = await create(owner, 'Not for sign-in');
    const r = await t.api('POST', '/api/auth/sign-in', null, { email: 'owner@example.com', password: p.password });
    expect(r.status).toBe(401);
  });

  it('rejects bad bodies and names', async () => {
    expect((await t.api('POST', '/api/app-passwords', owner, { name: '' })).status).toBe(400);
    expect((await t.api('POST', '/api/app-passwords', owner, { name: 'x'.repeat(101) })).status).toBe(400);
    expect((await t.api('POST', '/api/app-passwords', owner, {})).status).toBe(400);
    expect((await t.api('POST', '/api/app-passwords', null, { name: 'x' })).status).toBe(401);
    expect((await t.api('POST', '/api/auth/app-password', null, { email: 'not an email', password: 'x' })).status).toBe(400);
    expect((await t.api('POST', '/api/auth/app-password', null, { email: 'owner@example.com', password: '' })).status).toBe(400);
    expect((await t.api('DELETE', '/api/app-passwords/unknown', owner)).status).toBe(404);
    const theirs = await create(reader, 'Reader only');
    // Someone else's app password is not found, not revoked.
    expect((await t.api('DELETE', `/api/app-passwords/${theirs.id}`, owner)).status).toBe(404);
    expect((await exchange('reader@example.com', theirs.password)).status).toBe(200);
  });

  it('exchanges for a token that only reads: sync read-only, GET only', async () => {
    const p = await create(owner, 'Other client');
    const r = await exchange('owner@example.com', p.password);
    expect(r.status).toBe(200);
    const token = appPasswordTokenSchema.parse(r.body);
    expect((await t.api('GET', '/api/calendars', token.accessToken)).status).toBe(200);
    const post = await t.api<{ error: { code: string } }>('POST', '/api/calendars', token.accessToken, { name: 'Nope' });
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe('read_only_token');
    expect((await t.api('POST', '/api/app-passwords', token.accessToken, { name: 'chain' })).status).toBe(403);
    // An export is a GET but holds the whole account: not for an app password's token.
    const exported = await t.api<{ error: { code: string } }>('GET', '/api/export/account', token.accessToken);
    expect([exported.status, exported.body.error.code]).toEqual([403, 'read_only_token']);
    const restored = await t.api<{ error: { code: string } }>('POST', '/api/restore', token.accessToken, { format: 'tessera-export' });
    expect([restored.status, restored.body.error.code]).toEqual([403, 'read_only_token']);

    const c = t.connect(`cal/${calendarId}/full`, token.accessToken);
    await c.synced;
    expect(groupMap(c.doc, 'what').has('e1')).toBe(true);
    c.doc.transact(() => writeEvent(c.doc, 'sneaky', { when: when('2026-05-05T10:00', '2026-05-05T11:00'), what: defaultWhat('Written by an app password') }));
    const closed = await c.closed;
    expect(closed.code).toBe(CLOSE.reset);
    expect(groupMap(t.relay.rooms.peek(`cal/${calendarId}/full`)!.doc, 'what').has('sneaky')).toBe(false);
  });

  it('revoking one stops its feed and its tokens (and open sockets) at once', async () => {
    const p = await create(owner, 'To revoke');
    const token = appPasswordTokenSchema.parse((await exchange('owner@example.com', p.password)).body).accessToken;
    const c = t.connect(`cal/${calendarId}/full`, token);
    await c.synced;
    expect((await feed(`/ics/me/${calendarId}.ics`, basic('owner@example.com', p.password))).status).toBe(200);
    expect((await t.api('DELETE', `/api/app-passwords/${p.id}`, owner)).status).toBe(204);
    expect((await c.closed).code).toBe(CLOSE.unauthorized);
    expect((await feed(`/ics/me/${calendarId}.ics`, basic('owner@example.com', p.password))).status).toBe(401);
    expect((await t.api('GET', '/api/calendars', token)).status).toBe(401);
    expect((await exchange('owner@example.com', p.password)).status).toBe(401);
    const list = appPasswordListSchema.parse((await t.api('GET', '/api/app-passwords', owner)).body);
    expect(list.appPasswords.find((a) => a.id === p.id)?.revokedAt).not.toBeNull();
    // Revoking again is harmless and does not throw.
    expect((await t.api('DELETE', `/api/app-passwords/${p.id}`, owner)).status).toBe(204);
  });

  it('the organisation switch: admins only; off revokes them all at once and refuses new ones', async () => {
    const p = await create(reader, 'Before the switch');
    const token = appPasswordTokenSchema.parse((await exchange('reader@example.com', p.password)).body).accessToken;
    const c = t.connect(`inbox/${readerId}`, token);
    await c.synced;
    expect((await t.api('PUT', '/api/admin/app-passwords', owner, { allowed: false })).status).toBe(403);
    expect((await t.api('PUT', '/api/admin/app-passwords', admin, { allowed: 'no' })).status).toBe(400);
    const off = await t.api<{ allowed: boolean; revoked: number }>('PUT', '/api/admin/app-passwords', admin, { allowed: false });
    expect(off.status).toBe(200);
    expect(off.body.revoked).toBeGreaterThan(0);
    expect((await c.closed).code).toBe(CLOSE.unauthorized);
    expect((await feed(`/ics/me/${calendarId}.ics`, basic('reader@example.com', p.password))).status).toBe(401);
    expect((await t.api('GET', '/api/calendars', token)).status).toBe(401);
    const refused = await t.api<{ error: { message: string } }>('POST', '/api/app-passwords', reader, { name: 'Now' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('switched off');
    expect(appPasswordListSchema.parse((await t.api('GET', '/api/app-passwords', reader)).body).allowed).toBe(false);
    // Switching back on does not revive revoked ones.
    expect((await t.api('PUT', '/api/admin/app-passwords', admin, { allowed: true })).status).toBe(200);
    expect((await exchange('reader@example.com', p.password)).status).toBe(401);
    const audit = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body);
    expect(audit.entries.some((e) => e.action === 'org.app-passwords')).toBe(true);
    expect(audit.entries.some((e) => e.action === 'app-password.revoke' && e.detail.reason === 'switched-off')).toBe(true);
  });

  it('the CLI switch revokes them too, and a running relay closes their sockets', async () => {
    const p = await create(owner, 'CLI victim');
    const token = appPasswordTokenSchema.parse((await exchange('owner@example.com', p.password)).body).accessToken;
    const c = t.connect(`cal/${calendarId}/full`, token);
    await c.synced;
    const store = openStore(t.relay.dbPath);
    const out: string[] = [];
    try {
      await runAdminCommand(store, ['app-passwords', '--off'], (l) => out.push(l));
      await expect(runAdminCommand(store, ['app-passwords'], () => {})).rejects.toThrow(/--on or --off/);
    } finally {
      store.close();
    }
    expect(out.join('\n')).toMatch(/switched off.*revoked 1/);
    expect((await c.closed).code).toBe(CLOSE.unauthorized);
    expect((await feed(`/ics/me/${calendarId}.ics`, basic('owner@example.com', p.password))).status).toBe(401);
    expect((await t.api('PUT', '/api/admin/app-passwords', admin, { allowed: true })).status).toBe(200);
  });

  it('slows down guessing: repeated wrong app passwords get 429, on the exchange and on the feed', async () => {
    const p = await create(owner, 'Guessed');
    let exchangeStatus = 0;
    for (let i = 0; i < 30 && exchangeStatus !== 429; i++) exchangeStatus = (await exchange('owner@example.com', `wrong-${i}`)).status;
    expect(exchangeStatus).toBe(429);
    // Even the right one waits while the address is locked out.
    expect((await exchange('owner@example.com', p.password)).status).toBe(429);
    let feedStatus = 0;
    for (let i = 0; i < 30 && feedStatus !== 429; i++) feedStatus = (await feed(`/ics/me/${calendarId}.ics`, basic('owner@example.com', `wrong-${i}`))).status;
    expect(feedStatus).toBe(429);
  });
});
