import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListSchema, calendarAccessSchema, permissionsSchema } from '../../src/shared/protocol/api';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { icsLinkSchema } from '../../src/shared/protocol/icsLinks';
import { readAccess } from '../../src/shared/protocol/inboxDocument';
import { orgPolicySchema, policyAnswerSchema } from '../../src/shared/protocol/policies';
import { writeSample } from './support/events';
import { runCli } from './support/runCli';
import { startTestRelay, waitFor, within, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Organisation policies against a real relay: the level of new calendars, the
 * external sharing cap and the ICS link cap; refusals name their policy in the
 * API and the CLI; tightening a policy cuts existing shares and links back at
 * once (sockets, inboxes, feeds) and audits each cut.
 */
describe('organisation policies', () => {
  let t: TestRelay;
  let admin: string;
  let owner: string;
  let member: string;
  let calendarId: string;
  let xena: { id: string; token: string; inbox: SyncClient };
  let yuri: { id: string; token: string };
  let full: SyncClient;

  const share = (userId: string, level: string, token = owner) => t.api<{ error?: { code: string; message: string } }>('PUT', `/api/calendars/${calendarId}/grants`, token, { subject: { kind: 'user', id: userId }, level });
  const setPolicy = (body: unknown, token = admin) => t.api('PUT', '/api/admin/policies', token, body);
  const publish = (level: string) => t.api<{ error?: { code: string; message: string } }>('POST', `/api/calendars/${calendarId}/ics-links`, owner, { level });
  const xenaAccess = () => readAccess(xena.inbox.doc).find((a) => a.id === calendarId);
  const cli = async (args: string[]) => (await runCli(t, args)).join('\n');

  beforeAll(async () => {
    t = await startTestRelay({ externalPollMs: 50 });
    t.org('Test Org', 'none');
    const other = t.org('Other Org', 'none');
    await t.person('admin@example.com', { admin: true });
    await t.person('owner@example.com');
    await t.person('member@example.com');
    admin = (await t.signIn('admin@example.com')).accessToken;
    owner = (await t.signIn('owner@example.com')).accessToken;
    member = (await t.signIn('member@example.com')).accessToken;
    calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', owner, { name: 'Plans' })).body.id;
    const x = await t.person('xena@example.com', { org: other });
    const xs = await t.signIn('xena@example.com');
    const inbox = t.connect(`inbox/${x.id}`, xs.accessToken);
    await inbox.synced;
    xena = { id: x.id, token: xs.accessToken, inbox };
    const y = await t.person('yuri@example.com', { org: other });
    yuri = { id: y.id, token: (await t.signIn('yuri@example.com')).accessToken };
    full = t.connect(`cal/${calendarId}/full`, owner);
    await full.synced;
    writeSample(full.doc);
  });
  afterAll(async () => {
    await t.close();
  });

  it('without a policy nothing is restricted', async () => {
    const r = await t.api('GET', '/api/admin/policies', admin);
    expect(r.status).toBe(200);
    expect(orgPolicySchema.parse(r.body)).toEqual({ newCalendarLevel: null, externalSharingMax: 'delegate', icsLinksMax: 'reviewer' });
  });

  it('only admins read or change policies; bad bodies are refused', async () => {
    expect((await t.api('GET', '/api/admin/policies', member)).status).toBe(403);
    expect((await setPolicy({ externalSharingMax: 'limited' }, member)).status).toBe(403);
    expect((await t.api('GET', '/api/admin/policies', null)).status).toBe(401);
    expect((await setPolicy({ externalSharingMax: 'owner' })).status).toBe(400);
    expect((await setPolicy({ icsLinksMax: 'editor' })).status).toBe(400);
    expect((await setPolicy({ newCalendarLevel: 'delegate' })).status).toBe(400);
    expect((await setPolicy({ somethingElse: true })).status).toBe(400);
  });

  it('the default level for new calendars applies to calendars created afterwards', async () => {
    expect(policyAnswerSchema.parse((await setPolicy({ newCalendarLevel: 'limited' })).body).policy.newCalendarLevel).toBe('limited');
    const created = await t.api('POST', '/api/calendars', owner, { name: 'New one' });
    expect(created.status).toBe(201);
    const id = calendarAccessSchema.parse(created.body).id;
    const perms = permissionsSchema.parse((await t.api('GET', `/api/calendars/${id}/permissions`, owner)).body);
    expect(perms.defaultLevel).toBe('limited');
    // A colleague reaches it through that default at once.
    expect(calendarAccessSchema.parse((await t.api('GET', `/api/calendars/${id}`, member)).body).level).toBe('limited');
    // The calendar made before keeps following the organisation.
    expect(permissionsSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/permissions`, owner)).body).defaultLevel).toBeNull();
    await setPolicy({ newCalendarLevel: null });
    const later = calendarAccessSchema.parse((await t.api('POST', '/api/calendars', owner, { name: 'Later' })).body).id;
    expect(permissionsSchema.parse((await t.api('GET', `/api/calendars/${later}/permissions`, owner)).body).defaultLevel).toBeNull();
  });

  it('external sharing above the cap is refused, naming the policy; inside the organisation it is not capped', async () => {
    await setPolicy({ externalSharingMax: 'limited' });
    const r = await share(xena.id, 'reviewer');
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('policy_external_sharing');
    expect(r.body.error?.message).toContain("policy 'External sharing' allows at most 'limited'");
    // Admins are bound too: an exception is a policy change, which is audited.
    expect((await share(xena.id, 'reviewer', admin)).body.error?.code).toBe('policy_external_sharing');
    expect((await share(xena.id, 'limited')).status).toBe(200);
    const colleague = (await t.api<{ people: { id: string; email: string }[] }>('GET', '/api/directory', owner)).body.people.find((p) => p.email === 'member@example.com')!;
    expect((await share(colleague.id, 'editor')).status).toBe(200);
    await share(colleague.id, 'none');
  });

  it('the CLI is bound by the same policy and names it', async () => {
    await expect(cli(['share', '--calendar', calendarId, '--email', 'yuri@example.com', '--level', 'editor'])).rejects.toMatchObject({ code: 'policy_external_sharing', message: expect.stringContaining("'External sharing'") });
  });

  it('lowering the external cap lowers existing external shares at once: open sockets close, the inbox follows', async () => {
    await setPolicy({ externalSharingMax: 'reviewer' });
    expect((await share(xena.id, 'reviewer')).status).toBe(200);
    expect((await share(yuri.id, 'availability')).status).toBe(200);
    await waitFor(() => xenaAccess()?.level === 'reviewer');
    const xfull = t.connect(`cal/${calendarId}/full`, xena.token);
    await xfull.synced;
    const r = await setPolicy({ externalSharingMax: 'limited' });
    expect(r.status).toBe(200);
    expect(policyAnswerSchema.parse(r.body).cutBack).toEqual({ grantsDowngraded: 1, grantsRemoved: 0, linksRevoked: 0 });
    expect(await xfull.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await waitFor(() => xenaAccess()?.level === 'limited');
    const perms = permissionsSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/permissions`, owner)).body);
    expect(perms.grants.find((g) => g.subject.id === xena.id)?.level).toBe('limited');
    // Shares below the new cap are untouched.
    expect(perms.grants.find((g) => g.subject.id === yuri.id)?.level).toBe('availability');
  });

  it('switching external sharing off removes external shares: the outsider keeps a stale copy, sockets close', async () => {
    const titles = t.connect(`cal/${calendarId}/titles@0`, xena.token);
    await titles.synced;
    const r = await setPolicy({ externalSharingMax: 'none' });
    expect(policyAnswerSchema.parse(r.body).cutBack).toEqual({ grantsDowngraded: 0, grantsRemoved: 2, linksRevoked: 0 });
    expect((await titles.closed).code).toBe(CLOSE.forbidden);
    await waitFor(() => xenaAccess()?.stale === true);
    const refused = await share(xena.id, 'availability');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toContain("policy 'External sharing' does not allow");
    const audit = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body).entries;
    expect(audit.filter((e) => e.action === 'grant.remove' && e.calendarId === calendarId).length).toBeGreaterThanOrEqual(2);
    expect(audit.find((e) => e.action === 'policy.enforce')?.detail).toMatchObject({ grantsRemoved: 2 });
    expect(audit.find((e) => e.action === 'policy.change')?.detail).toMatchObject({ changed: ['externalSharingMax'], policy: { externalSharingMax: 'none' } });
  });

  it('ICS links above the cap are refused, naming the policy; lowering the cap revokes links above it (feed 410)', async () => {
    const reviewerLink = icsLinkSchema.parse((await publish('reviewer')).body);
    const busyLink = icsLinkSchema.parse((await publish('availability')).body);
    expect((await fetch(t.relay.url + reviewerLink.path!)).status).toBe(200);
    const r = await setPolicy({ icsLinksMax: 'limited' });
    expect(policyAnswerSchema.parse(r.body).cutBack).toEqual({ grantsDowngraded: 0, grantsRemoved: 0, linksRevoked: 1 });
    expect((await fetch(t.relay.url + reviewerLink.path!)).status).toBe(410);
    expect((await fetch(t.relay.url + busyLink.path!)).status).toBe(200);
    const refused = await publish('reviewer');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'policy_ics_links', message: expect.stringContaining("policy 'Published ICS links' allows at most 'limited'") });
    expect((await publish('limited')).status).toBe(201);
    await setPolicy({ icsLinksMax: 'none' });
    expect((await fetch(t.relay.url + busyLink.path!)).status).toBe(410);
    expect((await publish('availability')).body.error?.message).toContain("policy 'Published ICS links' does not allow publishing");
    const audit = auditListSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/audit`, owner)).body).entries;
    expect(audit.filter((e) => e.action === 'ics-link.revoke').length).toBe(3);
  });

  it('an unchanged policy changes and audits nothing', async () => {
    const before = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body).entries.length;
    expect(policyAnswerSchema.parse((await setPolicy({ icsLinksMax: 'none' })).body).cutBack.linksRevoked).toBe(0);
    expect(auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body).entries.length).toBe(before);
  });

  it('the CLI shows and changes policies; a running relay applies the cut to open sockets', async () => {
    await setPolicy({ externalSharingMax: 'reviewer', icsLinksMax: 'reviewer' });
    expect((await share(xena.id, 'reviewer')).status).toBe(200);
    await waitFor(() => xenaAccess()?.level === 'reviewer' && xenaAccess()?.stale === false);
    const xfull = t.connect(`cal/${calendarId}/full`, xena.token);
    await xfull.synced;
    expect(await cli(['policy', '--org', 'Test Org'])).toContain('External sharing: at most reviewer');
    const out = await cli(['policy', '--org', 'Test Org', '--external-max', 'availability', '--new-calendar-level', 'follow']);
    expect(out).toContain('1 external shares lowered');
    expect(out).toContain('External sharing: at most availability');
    expect(await xfull.closed).toEqual({ code: CLOSE.forbidden, reason: 'level-changed' });
    await waitFor(() => xenaAccess()?.level === 'availability');
    await expect(cli(['policy', '--org', 'Test Org', '--ics-max', 'editor'])).rejects.toMatchObject({ code: 'usage' });
    const audit = auditListSchema.parse((await t.api('GET', '/api/admin/audit', admin)).body).entries;
    expect(audit[0]).toMatchObject({ action: 'policy.enforce', actorId: 'cli' });
    // The inbox is not a calendar room: it stays open through the cut.
    expect(await within(xena.inbox.closed, 100)).toBe('timeout');
  });

  it('a damaged policy row fails closed: nothing is shared or published past it', async () => {
    const orgId = t.relay.store.directory.orgByName('Test Org')!.id;
    t.relay.store.db.prepare("UPDATE org_policies SET external_sharing_max = 'everything', ics_links_max = 'reviewer' WHERE org_id = ?").run(orgId);
    expect((await t.api('GET', '/api/admin/policies', admin)).status).toBe(500);
    expect((await share(yuri.id, 'availability')).status).toBe(500);
    expect((await publish('availability')).status).toBe(500);
    t.relay.store.db.prepare("UPDATE org_policies SET external_sharing_max = 'availability' WHERE org_id = ?").run(orgId);
    expect((await share(yuri.id, 'availability')).status).toBe(200);
  });
});
