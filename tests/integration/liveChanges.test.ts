import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionLevel } from '../../src/shared/permissions/PermissionLevel';
import type { CalendarAccess } from '../../src/shared/protocol/api';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { readAccess, readInboxItems, type Notice } from '../../src/shared/protocol/inboxDocument';
import { runAdminCommand } from '../../src/relay/cli/runAdminCommand';
import { openStore } from '../../src/relay/store/Store';
import { writeProbe, writeSample } from './support/events';
import { startTestRelay, waitFor, within, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Permission changes act at once on open connections (close 4403, or switch
 * between read and write in place) and on the person's inbox document, which
 * every open device receives live: `access` lists the new level, `items` gets a
 * notice (granted, level-changed, revoked, removed, stale).
 */
describe('permission changes act on open connections and the inbox', () => {
  let t: TestRelay;
  let owner: string;
  let calendarId: string;
  let orgId: string;
  const people: Record<string, { id: string; token: string; inbox: SyncClient }> = {};

  const access = (who: string): CalendarAccess | undefined => readAccess(people[who]!.inbox.doc).find((a) => a.id === calendarId);
  const notices = (who: string): Notice[] => readInboxItems(people[who]!.inbox.doc).filter((i): i is Notice => i.kind === 'notice' && i.calendarId === calendarId);
  const grant = async (who: string, level: PermissionLevel | 'none') => {
    const r = await t.api('PUT', `/api/calendars/${calendarId}/grants`, owner, { subject: { kind: 'user', id: people[who]!.id }, level });
    expect(r.status).toBe(200);
  };
  const open = async (who: string, room: string) => {
    const c = t.connect(`cal/${calendarId}/${room}`, people[who]!.token);
    const r = await Promise.race([c.synced.then(() => 'synced' as const), c.closed]);
    expect(r, `${who} opening ${room}`).toBe('synced');
    return c;
  };
  const stillOpen = async (c: SyncClient) => expect(await within(c.closed, 150)).toBe('timeout');

  beforeAll(async () => {
    t = await startTestRelay({ externalPollMs: 50 });
    orgId = t.org('Test Org', 'availability').id;
    const other = t.org('Other Org', 'none');
    await t.person('owner@example.com');
    const ownerSession = await t.signIn('owner@example.com');
    owner = ownerSession.accessToken;
    calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', owner, { name: 'Plans' })).body.id;
    for (const [name, org] of [['ann', undefined], ['ben', undefined], ['xena', other]] as const) {
      const p = await t.person(`${name}@example.com`, { org });
      const s = await t.signIn(`${name}@example.com`);
      const inbox = t.connect(`inbox/${p.id}`, s.accessToken);
      await inbox.synced;
      people[name] = { id: p.id, token: s.accessToken, inbox };
    }
    const full = t.connect(`cal/${calendarId}/full`, owner);
    await full.synced;
    writeSample(full.doc);
    await waitFor(() => t.relay.rooms.open({ kind: 'calendar', calendarId, doc: 'busy', epoch: 0 }).doc.getMap('when').size === 2);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the calendar through the organisation default without a notice', async () => {
    await waitFor(() => access('ann') !== undefined, 2_000, 'default access');
    expect(access('ann')).toMatchObject({ level: 'availability', via: 'default', stale: false, epochs: { titles: 0, busy: 0 } });
    expect(notices('ann')).toEqual([]);
    // People of another organisation never reach it through a default.
    expect(access('xena')).toBeUndefined();
  });

  it('a share sends an invitation; accepting it updates the inbox item', async () => {
    await grant('ann', 'editor');
    await waitFor(() => access('ann')?.level === 'editor');
    expect(access('ann')?.via).toBe('direct');
    const inv = readInboxItems(people.ann!.inbox.doc).find((i) => i.kind === 'invitation' && i.calendarId === calendarId);
    expect(inv).toMatchObject({ kind: 'invitation', level: 'editor', status: 'pending', calendarName: 'Plans' });
    // The invitation announces it: no separate "granted" notice.
    expect(notices('ann')).toEqual([]);
    const r = await t.api<{ status: string }>('POST', `/api/invitations/${inv!.id}/accept`, people.ann!.token);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('accepted');
    await waitFor(() => readInboxItems(people.ann!.inbox.doc).some((i) => i.id === inv!.id && i.kind === 'invitation' && i.status === 'accepted'));
    // Someone else cannot answer it.
    expect((await t.api('POST', `/api/invitations/${inv!.id}/decline`, people.ben!.token)).status).toBe(404);
  });

  it('downgrade editor -> reviewer switches an open full connection to read-only in place', async () => {
    const full = await open('ann', 'full');
    writeProbe(full.doc, 'ann-1');
    await waitFor(() => t.relay.rooms.peek(`cal/${calendarId}/full`)!.doc.getMap('when').has('ann-1'));
    await grant('ann', 'reviewer');
    await waitFor(() => access('ann')?.level === 'reviewer');
    expect(notices('ann')[0]).toMatchObject({ notice: 'level-changed', level: 'reviewer', previousLevel: 'editor' });
    await stillOpen(full);
    writeProbe(full.doc, 'ann-2');
    expect(await full.closed).toMatchObject({ code: CLOSE.reset, reason: 'reset:read-only' });
    expect(t.relay.rooms.peek(`cal/${calendarId}/full`)!.doc.getMap('when').has('ann-2')).toBe(false);
  });

  it('upgrade reviewer -> editor lets the same connection write', async () => {
    const full = await open('ann', 'full');
    await grant('ann', 'editor');
    await waitFor(() => access('ann')?.level === 'editor');
    writeProbe(full.doc, 'ann-3');
    await waitFor(() => t.relay.rooms.peek(`cal/${calendarId}/full`)!.doc.getMap('when').has('ann-3'));
    await stillOpen(full);
    full.destroy();
  });

  it('downgrade to limited closes full with 4403 level-changed; titles stays open', async () => {
    const full = await open('ann', 'full');
    const titles = await open('ann', 'titles@0');
    await grant('ann', 'limited');
    expect(await full.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await stillOpen(titles);
    expect(access('ann')).toMatchObject({ level: 'limited', via: 'direct' });
    titles.destroy();
  });

  it('revoking the direct grant falls back to the default: titles closes, busy stays, notice "revoked"', async () => {
    const titles = await open('ann', 'titles@0');
    const busy = await open('ann', 'busy@0');
    const r = await t.api('DELETE', `/api/calendars/${calendarId}/grants/user/${people.ann!.id}`, owner);
    expect(r.status).toBe(200);
    expect(await titles.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await stillOpen(busy);
    await waitFor(() => access('ann')?.via === 'default');
    expect(access('ann')?.level).toBe('availability');
    expect(notices('ann')[0]).toMatchObject({ notice: 'revoked', level: 'availability', previousLevel: 'limited' });
    busy.destroy();
  });

  it('a calendar default of none removes it: busy closes, the access entry goes, notice "removed"', async () => {
    const busy = await open('ann', 'busy@0');
    const r = await t.api('PUT', `/api/calendars/${calendarId}/default`, owner, { level: 'none' });
    expect(r.status).toBe(200);
    expect(await busy.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await waitFor(() => access('ann') === undefined);
    expect(notices('ann')[0]).toMatchObject({ notice: 'removed', level: 'none', previousLevel: 'availability' });
  });

  it('group grants follow membership changes at once', async () => {
    const admin = await t.person('admin@example.com', { admin: true });
    const adminToken = (await t.signIn('admin@example.com')).accessToken;
    expect(admin.id).toBeTruthy();
    const g = await t.api<{ id: string }>('POST', '/api/admin/groups', adminToken, { name: 'Sales' });
    expect(g.status).toBe(201);
    expect((await t.api('PUT', `/api/calendars/${calendarId}/grants`, owner, { subject: { kind: 'group', id: g.body.id }, level: 'reviewer' })).status).toBe(200);
    expect((await t.api('PUT', `/api/admin/groups/${g.body.id}/members`, adminToken, { userId: people.ben!.id })).status).toBe(200);
    await waitFor(() => access('ben')?.level === 'reviewer');
    expect(access('ben')?.via).toBe('group');
    expect(notices('ben')[0]).toMatchObject({ notice: 'granted', level: 'reviewer' });
    const full = await open('ben', 'full');
    expect((await t.api('DELETE', `/api/admin/groups/${g.body.id}/members/${people.ben!.id}`, adminToken)).status).toBe(200);
    expect(await full.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await waitFor(() => access('ben') === undefined);
    expect(notices('ben')[0]).toMatchObject({ notice: 'removed', previousLevel: 'reviewer' });
  });

  it('an organisation default change reaches everyone who follows it', async () => {
    const adminToken = (await t.signIn('admin@example.com')).accessToken;
    expect((await t.api('PUT', `/api/calendars/${calendarId}/default`, owner, { level: null })).status).toBe(200);
    await waitFor(() => access('ben')?.level === 'availability');
    const busy = await open('ben', 'busy@0');
    expect((await t.api('PUT', '/api/admin/org', adminToken, { defaultLevel: 'limited' })).status).toBe(200);
    await waitFor(() => access('ben')?.level === 'limited');
    expect(notices('ben')[0]).toMatchObject({ notice: 'level-changed', level: 'limited', previousLevel: 'availability' });
    await stillOpen(busy);
    expect((await t.api('PUT', '/api/admin/org', adminToken, { defaultLevel: 'none' })).status).toBe(200);
    expect(await busy.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await waitFor(() => access('ben') === undefined);
  });

  it('revoking a person of another organisation leaves a stale copy: 4403, access marked stale, notice "stale"', async () => {
    await grant('xena', 'reviewer');
    await waitFor(() => access('xena')?.level === 'reviewer');
    expect(access('xena')?.via).toBe('external');
    const full = await open('xena', 'full');
    await grant('xena', 'none');
    expect(await full.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await waitFor(() => access('xena')?.stale === true);
    expect(access('xena')?.level).toBe('reviewer');
    expect(notices('xena')[0]).toMatchObject({ notice: 'stale', previousLevel: 'reviewer' });
    // GET /api/calendars lists it too, as stale.
    const list = await t.api<{ calendars: CalendarAccess[] }>('GET', '/api/calendars', people.xena!.token);
    expect(list.body.calendars.find((c) => c.id === calendarId)?.stale).toBe(true);
  });

  it('an admin CLI change from another process reaches open connections within a poll', async () => {
    await grant('ben', 'reviewer');
    const full = await open('ben', 'full');
    const store = openStore(t.relay.dbPath);
    try {
      const lines: string[] = [];
      await runAdminCommand(store, ['share', '--calendar', calendarId, '--email', 'ben@example.com', '--level', 'availability'], (l) => lines.push(l));
      expect(lines.join('\n')).toContain('availability');
    } finally {
      store.close();
    }
    expect(await full.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await waitFor(() => access('ben')?.level === 'availability');
    const audit = await t.api<{ entries: { action: string; actorId: string }[] }>('GET', `/api/calendars/${calendarId}/audit`, owner);
    expect(audit.body.entries[0]).toMatchObject({ action: 'grant.change', actorId: 'cli' });
  });

  it('deleting the calendar closes every room with 4404 and removes it from inboxes', async () => {
    await grant('ann', 'editor');
    const full = await open('ann', 'full');
    const ownerFull = t.connect(`cal/${calendarId}/full`, owner);
    await ownerFull.synced;
    expect((await t.api('DELETE', `/api/calendars/${calendarId}`, owner)).status).toBe(204);
    expect(await full.closed).toEqual({ code: CLOSE.notFound, reason: 'calendar-deleted' });
    expect(await ownerFull.closed).toEqual({ code: CLOSE.notFound, reason: 'calendar-deleted' });
    await waitFor(() => access('ann') === undefined);
    expect(notices('ann')[0]).toMatchObject({ notice: 'removed', previousLevel: 'editor' });
    // Its documents stay in the trash (restorable for 30 days) until the purge pass removes them.
    expect(t.relay.store.trash.calendar(calendarId)).not.toBeNull();
    // The id is never given out again.
    const again = await t.api<{ error: { code: string } }>('POST', '/api/calendars', owner, { id: calendarId, name: 'Again' });
    expect(again.status).toBe(409);
    expect(orgId).toBeTruthy();
  });

  it('signing out closes the session\'s sockets with 4401', async () => {
    const s = await t.signIn('ann@example.com');
    const inbox = t.connect(`inbox/${people.ann!.id}`, s.accessToken);
    await inbox.synced;
    expect((await t.api('POST', '/api/auth/sign-out', s.accessToken)).status).toBe(204);
    expect(await inbox.closed).toEqual({ code: CLOSE.unauthorized, reason: 'signed-out' });
    await stillOpen(people.ann!.inbox);
  });
});
