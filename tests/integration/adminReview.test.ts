import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListSchema } from '../../src/shared/protocol/api';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { readAccess, readInboxItems } from '../../src/shared/protocol/inboxDocument';
import { adminShareListSchema, type AdminShare } from '../../src/shared/protocol/policies';
import { runCli } from './support/runCli';
import { startTestRelay, waitFor, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * The admin review of every share in an organisation: who sees it (admins of
 * that organisation only), the filters, "last synced", revoking from the review
 * (the recipient's sockets and inbox react at once, audited), and the same
 * through the admin CLI.
 */
describe('admin review of shares', () => {
  let t: TestRelay;
  let admin: string;
  let ann: { id: string; token: string; inbox: SyncClient };
  let ben: { id: string; token: string };
  let xena: { id: string };
  let annCal: string;
  let benCal: string;
  let salesId: string;
  let otherAdmin: string;

  const list = async (query = '', token = admin): Promise<AdminShare[]> => {
    const r = await t.api('GET', `/api/admin/shares${query}`, token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return adminShareListSchema.parse(r.body).shares;
  };
  const cli = (args: string[]) => runCli(t, args);
  const annAccess = (calendarId: string) => readAccess(ann.inbox.doc).find((a) => a.id === calendarId);

  beforeAll(async () => {
    t = await startTestRelay({ externalPollMs: 50 });
    t.org('Test Org', 'none');
    const other = t.org('Other Org', 'none');
    await t.person('admin@example.com', { admin: true, name: 'Ada Admin' });
    admin = (await t.signIn('admin@example.com')).accessToken;
    const a = await t.person('ann@example.com', { name: 'Ann' });
    const as = await t.signIn('ann@example.com');
    const inbox = t.connect(`inbox/${a.id}`, as.accessToken);
    await inbox.synced;
    ann = { id: a.id, token: as.accessToken, inbox };
    const b = await t.person('ben@example.com', { name: 'Ben' });
    ben = { id: b.id, token: (await t.signIn('ben@example.com')).accessToken };
    xena = await t.person('xena@example.com', { org: other, name: 'Xena' });
    await t.person('boss@other.example', { org: other, admin: true });
    otherAdmin = (await t.signIn('boss@other.example')).accessToken;
    annCal = (await t.api<{ id: string }>('POST', '/api/calendars', ann.token, { name: 'Ann plans' })).body.id;
    benCal = (await t.api<{ id: string }>('POST', '/api/calendars', ben.token, { name: 'Ben plans' })).body.id;
    salesId = (await t.api<{ id: string }>('POST', '/api/admin/groups', admin, { name: 'Sales' })).body.id;
    await t.api('PUT', `/api/admin/groups/${salesId}/members`, admin, { userId: ann.id });
    const put = (token: string, cal: string, subject: { kind: string; id: string }, level: string) => t.api('PUT', `/api/calendars/${cal}/grants`, token, { subject, level });
    expect((await put(ben.token, benCal, { kind: 'user', id: ann.id }, 'reviewer')).status).toBe(200);
    expect((await put(ben.token, benCal, { kind: 'group', id: salesId }, 'availability')).status).toBe(200);
    expect((await put(ann.token, annCal, { kind: 'user', id: ben.id }, 'editor')).status).toBe(200);
    expect((await put(ann.token, annCal, { kind: 'user', id: xena.id }, 'limited')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every share of the organisation with calendar, owner, recipient, level and since', async () => {
    const shares = await list();
    expect(shares).toHaveLength(4);
    const x = shares.find((s) => s.recipient.id === xena.id)!;
    expect(x).toMatchObject({ calendarId: annCal, calendarName: 'Ann plans', ownerName: 'Ann', ownerEmail: 'ann@example.com', level: 'limited', lastSyncedAt: null });
    expect(x.recipient).toMatchObject({ kind: 'user', name: 'Xena', email: 'xena@example.com', external: true });
    expect(shares.find((s) => s.recipient.kind === 'group')).toMatchObject({ calendarId: benCal, level: 'availability', recipient: { name: 'Sales', external: false } });
  });

  it('filters by person, calendar, level and external', async () => {
    // Ann owns annCal, receives benCal directly and through Sales.
    expect((await list('?person=ann@example.com')).map((s) => `${s.calendarId}:${s.recipient.kind}`).sort()).toEqual([`${annCal}:user`, `${annCal}:user`, `${benCal}:group`, `${benCal}:user`].sort());
    expect(await list(`?person=${xena.id}`)).toHaveLength(1);
    expect(await list('?person=nobody@example.com')).toEqual([]);
    expect((await list(`?calendar=${benCal}`)).every((s) => s.calendarId === benCal)).toBe(true);
    expect((await list('?level=editor')).map((s) => s.recipient.id)).toEqual([ben.id]);
    expect((await list('?external=true')).map((s) => s.recipient.id)).toEqual([xena.id]);
    expect(await list('?external=false')).toHaveLength(3);
    expect((await list(`?person=ben@example.com&level=reviewer`)).map((s) => s.recipient.id)).toEqual([ann.id]);
  });

  it('refuses bad filters, non-admins, and shows nothing of other organisations', async () => {
    expect((await t.api('GET', '/api/admin/shares?level=owner', admin)).status).toBe(400);
    expect((await t.api('GET', '/api/admin/shares?external=maybe', admin)).status).toBe(400);
    expect((await t.api('GET', '/api/admin/shares?colour=red', admin)).status).toBe(400);
    expect((await t.api('GET', '/api/admin/shares', ann.token)).status).toBe(403);
    expect((await t.api('GET', '/api/admin/shares', null)).status).toBe(401);
    expect((await t.api('DELETE', `/api/admin/shares/${annCal}/user/${ben.id}`, ann.token)).status).toBe(403);
    // The other organisation's admin sees none of these and cannot revoke them.
    expect(await list('', otherAdmin)).toEqual([]);
    expect((await t.api('DELETE', `/api/admin/shares/${annCal}/user/${xena.id}`, otherAdmin)).status).toBe(404);
    expect((await t.api('DELETE', `/api/admin/shares/${annCal}/robot/${ben.id}`, admin)).status).toBe(400);
    expect((await t.api('DELETE', `/api/admin/shares/${annCal}/user/${ann.id}`, admin)).status).toBe(404);
  });

  it('records when a recipient last finished syncing, and keeps it across a restart', async () => {
    const c = t.connect(`cal/${benCal}/full`, ann.token);
    await c.synced;
    await waitFor(() => t.relay.rooms.connections.size > 1);
    let shares = await list(`?calendar=${benCal}`);
    const direct = shares.find((s) => s.recipient.kind === 'user')!;
    expect(direct.lastSyncedAt).not.toBeNull();
    // Ann is in Sales: the group share shows its latest member's sync.
    expect(shares.find((s) => s.recipient.kind === 'group')!.lastSyncedAt).toBe(direct.lastSyncedAt);
    expect((await list(`?calendar=${annCal}`)).every((s) => s.lastSyncedAt === null)).toBe(true);
    c.destroy();
    await t.restart();
    admin = (await t.signIn('admin@example.com')).accessToken;
    shares = await list(`?calendar=${benCal}`);
    expect(shares.find((s) => s.recipient.kind === 'user')!.lastSyncedAt).toBeGreaterThanOrEqual(direct.lastSyncedAt!);
    ann.token = (await t.signIn('ann@example.com')).accessToken;
    ann.inbox = t.connect(`inbox/${ann.id}`, ann.token);
    await ann.inbox.synced;
  });

  it('revoking from the review reaches the recipient at once and is audited', async () => {
    const c = t.connect(`cal/${benCal}/full`, ann.token);
    await c.synced;
    await waitFor(() => annAccess(benCal)?.level === 'reviewer');
    const r = await t.api('DELETE', `/api/admin/shares/${benCal}/user/${ann.id}`, admin);
    expect(r.status).toBe(200);
    // Ann falls back to Sales' availability: full closes, the inbox says so.
    expect(await c.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await waitFor(() => annAccess(benCal)?.level === 'availability');
    expect(readInboxItems(ann.inbox.doc).some((i) => i.kind === 'notice' && i.calendarId === benCal && i.notice === 'revoked')).toBe(true);
    expect((await list(`?calendar=${benCal}`)).map((s) => s.recipient.kind)).toEqual(['group']);
    const audit = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body).entries;
    expect(audit[0]).toMatchObject({ action: 'admin.revoke-share', actorName: 'Ada Admin', calendarId: benCal, subject: `user:${ann.id}` });
    expect(audit[1]).toMatchObject({ action: 'grant.remove', actorName: 'Ada Admin', calendarId: benCal });
    // Ben, the owner, sees who cut it in the calendar's activity.
    const activity = auditListSchema.parse((await t.api('GET', `/api/calendars/${benCal}/audit`, ben.token)).body).entries;
    expect(activity[0]?.action).toBe('admin.revoke-share');
    expect((await t.api('DELETE', `/api/admin/shares/${benCal}/user/${ann.id}`, admin)).status).toBe(404);
  });

  it('the CLI lists with filters and revokes; a running relay applies it to open sockets', async () => {
    const all = await cli(['shares', '--org', 'Test Org']);
    expect(all.at(-1)).toBe('3 shares in Test Org');
    const ext = await cli(['shares', '--org', 'Test Org', '--external']);
    expect(ext).toHaveLength(2);
    expect(ext[0]).toContain('xena@example.com (external)');
    expect(ext[0]).toContain('limited');
    expect((await cli(['shares', '--org', 'Test Org', '--person', 'ben@example.com', '--level', 'editor']))[0]).toContain(annCal);
    await expect(cli(['shares', '--org', 'Test Org', '--level', 'owner'])).rejects.toMatchObject({ code: 'usage' });
    const benFull = t.connect(`cal/${annCal}/full`, ben.token);
    await benFull.synced;
    expect(await cli(['revoke-share', '--calendar', annCal, '--email', 'ben@example.com'])).toEqual([`Calendar ${annCal}: share with user ${ben.id} revoked`]);
    expect((await benFull.closed).code).toBe(CLOSE.forbidden);
    await expect(cli(['revoke-share', '--calendar', annCal, '--email', 'ben@example.com'])).rejects.toMatchObject({ status: 404 });
    await expect(cli(['revoke-share', '--calendar', 'nope', '--email', 'ben@example.com'])).rejects.toMatchObject({ status: 404 });
    const audit = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body).entries;
    expect(audit[0]).toMatchObject({ action: 'admin.revoke-share', actorId: 'cli', subject: `user:${ben.id}` });
  });
});
