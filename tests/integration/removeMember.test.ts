import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListSchema, directorySchema } from '../../src/shared/protocol/api';
import { readAccess } from '../../src/shared/protocol/inboxDocument';
import { appPasswordTokenSchema, createdAppPasswordSchema } from '../../src/shared/protocol/appPasswords';
import { orphanedCalendarListSchema, removedMemberSchema } from '../../src/shared/protocol/orgMembers';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { runAdminCommand } from '../../src/relay/cli/runAdminCommand';
import { openStore } from '../../src/relay/store/Store';
import { PASSWORD, startTestRelay, waitFor, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Removing a member through a real relay: sessions end and sockets close,
 * app passwords stop, the shares they received leave (their inbox learns),
 * their own calendars stay for an admin to transfer or archive, and they can
 * no longer sign in or be found in the directory.
 */
describe('removing a member', () => {
  let t: TestRelay;
  let admin: string;
  let ann: { id: string; token: string; refresh: string; calendarId: string };
  let bob: { id: string; token: string; calendarId: string };
  let carol: { id: string; token: string };
  let annInbox: SyncClient;
  let annOnBob: SyncClient;
  let annOwn: SyncClient;

  beforeAll(async () => {
    t = await startTestRelay({ roomIdleMs: 60_000 });
    t.org('Test Org', 'none');
    await t.person('admin@example.com', { admin: true });
    admin = (await t.signIn('admin@example.com')).accessToken;
    const mk = async (email: string) => {
      const p = await t.person(email);
      const s = await t.signIn(email);
      const calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', s.accessToken, { name: `${email.split('@')[0]} calendar` })).body.id;
      return { id: p.id, token: s.accessToken, refresh: s.refreshToken, calendarId };
    };
    ann = await mk('ann@example.com');
    bob = await mk('bob@example.com');
    carol = await mk('carol@example.com');
    expect((await t.api('PUT', `/api/calendars/${bob.calendarId}/grants`, bob.token, { subject: { kind: 'user', id: ann.id }, level: 'editor' })).status).toBe(200);
    expect((await t.api('PUT', `/api/calendars/${ann.calendarId}/grants`, ann.token, { subject: { kind: 'user', id: carol.id }, level: 'reviewer' })).status).toBe(200);
    annInbox = t.connect(`inbox/${ann.id}`, ann.token);
    annOnBob = t.connect(`cal/${bob.calendarId}/full`, ann.token);
    annOwn = t.connect(`cal/${ann.calendarId}/full`, ann.token);
    await Promise.all([annInbox.synced, annOnBob.synced, annOwn.synced]);
    await waitFor(() => readAccess(annInbox.doc).some((a) => a.id === bob.calendarId));
  });
  afterAll(async () => t.close());

  it('refuses non-admins, unknown people, yourself, and people of another organisation', async () => {
    expect((await t.api('DELETE', `/api/admin/people/${ann.id}`, bob.token)).status).toBe(403);
    expect((await t.api('DELETE', `/api/admin/people/${ann.id}`, null)).status).toBe(401);
    expect((await t.api('DELETE', '/api/admin/people/nobody', admin)).status).toBe(404);
    const me = await t.api<{ id: string }>('GET', '/api/me', admin);
    expect((await t.api('DELETE', `/api/admin/people/${me.body.id}`, admin)).status).toBe(400);
    const other = t.org('Other Org', 'none');
    const stranger = await t.person('stranger@other.test', { org: other });
    expect((await t.api('DELETE', `/api/admin/people/${stranger.id}`, admin)).status).toBe(404);
  });

  it('ends sessions, sockets, app passwords and received shares; keeps own calendars', async () => {
    const ap = createdAppPasswordSchema.parse((await t.api('POST', '/api/app-passwords', ann.token, { name: 'Feed' })).body);
    const appToken = appPasswordTokenSchema.parse((await t.api('POST', '/api/auth/app-password', null, { email: 'ann@example.com', password: ap.password })).body).accessToken;
    const r = await t.api('DELETE', `/api/admin/people/${ann.id}`, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const removed = removedMemberSchema.parse(r.body);
    expect(removed).toMatchObject({ id: ann.id, appPasswordsRevoked: 1, sharesRemoved: 1, calendarsKept: [ann.calendarId] });
    expect(removed.sessionsEnded).toBeGreaterThanOrEqual(1);

    for (const c of [annInbox, annOnBob, annOwn]) expect((await c.closed).code).toBe(CLOSE.unauthorized);
    expect((await t.api('GET', '/api/calendars', ann.token)).status).toBe(401);
    expect((await t.api('GET', '/api/calendars', appToken)).status).toBe(401);
    expect((await t.api('POST', '/api/auth/refresh', null, { refreshToken: ann.refresh })).status).toBe(401);
    expect((await t.api('POST', '/api/auth/app-password', null, { email: 'ann@example.com', password: ap.password })).status).toBe(401);
    const feed = await fetch(`${t.relay.url}/ics/me/${ann.calendarId}.ics`, { headers: { Authorization: `Basic ${Buffer.from(`ann@example.com:${ap.password}`).toString('base64')}` } });
    expect(feed.status).toBe(401);

    // The share Bob gave her is gone; her own calendar stays, still shared with Carol.
    expect(t.relay.store.sharing.grant(bob.calendarId, 'user', ann.id)).toBeNull();
    expect(t.relay.store.sharing.calendar(ann.calendarId)?.owner_id).toBe(ann.id);
    expect(t.relay.store.sharing.grant(ann.calendarId, 'user', carol.id)?.level).toBe('reviewer');
    // Her inbox (relay copy) no longer lists Bob's calendar.
    const inbox = t.relay.rooms.open({ kind: 'inbox', userId: ann.id }).doc;
    expect(readAccess(inbox).some((a) => a.id === bob.calendarId)).toBe(false);
  });

  it('cannot sign in (a clear 401), is hidden from the directory, and removing twice conflicts', async () => {
    const s = await t.api<{ error: { code: string; message: string } }>('POST', '/api/auth/sign-in', null, { email: 'ann@example.com', password: PASSWORD });
    expect(s.status).toBe(401);
    expect(s.body.error.code).toBe('account_removed');
    expect(s.body.error.message).toMatch(/removed/);
    // A wrong password still reads as a wrong password.
    const wrong = await t.api<{ error: { code: string } }>('POST', '/api/auth/sign-in', null, { email: 'ann@example.com', password: 'wrong password' });
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const dir = directorySchema.parse((await t.api('GET', '/api/directory', bob.token)).body);
    expect(dir.people.some((p) => p.id === ann.id)).toBe(false);
    expect((await t.api('DELETE', `/api/admin/people/${ann.id}`, admin)).status).toBe(409);
    const audit = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body);
    expect(audit.entries.some((e) => e.action === 'person.remove' && e.subject === `user:${ann.id}`)).toBe(true);
  });

  it('lists her calendars for an admin, who transfers one: the new owner learns at once', async () => {
    const list = orphanedCalendarListSchema.parse((await t.api('GET', '/api/admin/orphaned-calendars', admin)).body);
    expect(list.calendars.map((c) => c.id)).toEqual([ann.calendarId]);
    expect(list.calendars[0]).toMatchObject({ ownerEmail: 'ann@example.com' });
    expect(list.archiveAvailable).toBe(true);
    expect((await t.api('GET', '/api/admin/orphaned-calendars', bob.token)).status).toBe(403);

    // Bad transfers: non-admin, unknown calendar, unknown person, a removed person, bad body.
    expect((await t.api('POST', `/api/admin/calendars/${ann.calendarId}/transfer`, bob.token, { newOwnerId: bob.id })).status).toBe(403);
    expect((await t.api('POST', '/api/admin/calendars/nope/transfer', admin, { newOwnerId: bob.id })).status).toBe(404);
    expect((await t.api('POST', `/api/admin/calendars/${ann.calendarId}/transfer`, admin, { newOwnerId: 'nobody' })).status).toBe(404);
    expect((await t.api('POST', `/api/admin/calendars/${ann.calendarId}/transfer`, admin, { newOwnerId: ann.id })).status).toBe(400);
    expect((await t.api('POST', `/api/admin/calendars/${ann.calendarId}/transfer`, admin, {})).status).toBe(400);

    const carolInbox = t.connect(`inbox/${carol.id}`, carol.token);
    await carolInbox.synced;
    await waitFor(() => readAccess(carolInbox.doc).some((a) => a.id === ann.calendarId && a.level === 'reviewer'));
    const r = await t.api('POST', `/api/admin/calendars/${ann.calendarId}/transfer`, admin, { newOwnerId: carol.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await waitFor(() => readAccess(carolInbox.doc).some((a) => a.id === ann.calendarId && a.level === 'owner'), 5_000, 'owner in inbox');
    // Her former direct share is gone: an owner needs none.
    expect(t.relay.store.sharing.grant(ann.calendarId, 'user', carol.id)).toBeNull();
    const after = orphanedCalendarListSchema.parse((await t.api('GET', '/api/admin/orphaned-calendars', admin)).body);
    expect(after.calendars).toEqual([]);
    const audit = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body);
    expect(audit.entries.some((e) => e.action === 'calendar.transfer' && e.calendarId === ann.calendarId)).toBe(true);
  });

  it('transfer closes the old owner\'s sockets on that calendar', async () => {
    const bobFull = t.connect(`cal/${bob.calendarId}/full`, bob.token);
    await bobFull.synced;
    expect((await t.api('POST', `/api/admin/calendars/${bob.calendarId}/transfer`, admin, { newOwnerId: carol.id })).status).toBe(200);
    expect((await bobFull.closed).code).toBe(CLOSE.forbidden);
  });

  it('CLI: remove-person and transfer-calendar, picked up by the running relay', async () => {
    const dan = await t.person('dan@example.com');
    const s = await t.signIn('dan@example.com');
    const danCal = (await t.api<{ id: string }>('POST', '/api/calendars', s.accessToken, { name: 'Dan cal' })).body.id;
    const inbox = t.connect(`inbox/${dan.id}`, s.accessToken);
    await inbox.synced;
    const store = openStore(t.relay.dbPath);
    const out: string[] = [];
    try {
      await runAdminCommand(store, ['remove-person', '--email', 'dan@example.com'], (l) => out.push(l));
      await expect(runAdminCommand(store, ['remove-person', '--email', 'nobody@example.com'], () => {})).rejects.toThrow(/No person/);
      await expect(runAdminCommand(store, ['remove-person'], () => {})).rejects.toThrow(/--email is required/);
      await runAdminCommand(store, ['orphaned-calendars', '--org', 'Test Org'], (l) => out.push(l));
      await runAdminCommand(store, ['transfer-calendar', '--calendar', danCal, '--to', 'bob@example.com'], (l) => out.push(l));
    } finally {
      store.close();
    }
    const text = out.join('\n');
    expect(text).toContain('Removed dan@example.com');
    expect(text).toContain(danCal);
    expect(text).toContain('now owned by bob@example.com');
    expect((await inbox.closed).code).toBe(CLOSE.unauthorized);
    expect(t.relay.store.sharing.calendar(danCal)?.owner_id).toBe(bob.id);
  });
});
