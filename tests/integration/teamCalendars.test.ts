import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarAccess } from '../../src/shared/protocol/api';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { readAccess, readInboxItems } from '../../src/shared/protocol/inboxDocument';
import type { Submission, SubmissionNotice, SubmissionQueue, TeamCalendar } from '../../src/shared/protocol/teamCalendars';
import { groupMap } from '../../src/shared/model/eventDocument';
import { runAdminCommand } from '../../src/relay/cli/runAdminCommand';
import { openStore } from '../../src/relay/store/Store';
import { writeProbe } from './support/events';
import { startTestRelay, waitFor, within, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Team calendars (issue 6): owned by the organisation, seen by everyone in
 * scope without an invitation, edited by maintainers, with a submission queue.
 * Scope and maintainer changes act on inboxes and open sockets at once.
 */
describe('team calendars', () => {
  let t: TestRelay;
  let orgId: string;
  const groups: Record<string, string> = {};
  const people: Record<string, { id: string; token: string; inbox: SyncClient }> = {};
  let team: TeamCalendar;

  const access = (who: string, id = team.id): CalendarAccess | undefined => readAccess(people[who]!.inbox.doc).find((a) => a.id === id);
  const admin = () => people.ada!.token;
  const open = async (who: string, room: string, id = team.id) => {
    const c = t.connect(`cal/${id}/${room}`, people[who]!.token);
    const r = await Promise.race([c.synced.then(() => 'synced' as const), c.closed]);
    return { c, r };
  };

  beforeAll(async () => {
    t = await startTestRelay({ externalPollMs: 50 });
    orgId = t.org('Test Org', 'none').id;
    const other = t.org('Other Org', 'none');
    for (const [name, opts] of [
      ['ada', { admin: true }],
      ['sam', {}],
      ['sue', {}],
      ['eve', {}],
      ['max', {}],
      ['out', { org: other }],
    ] as const) {
      const p = await t.person(`${name}@example.com`, opts);
      const s = await t.signIn(`${name}@example.com`);
      const inbox = t.connect(`inbox/${p.id}`, s.accessToken);
      await inbox.synced;
      people[name] = { id: p.id, token: s.accessToken, inbox };
    }
    for (const name of ['Sales', 'Engineering']) {
      const r = await t.api<{ id: string }>('POST', '/api/admin/groups', admin(), { name });
      groups[name] = r.body.id;
    }
    for (const [g, who] of [
      ['Sales', 'sam'],
      ['Sales', 'sue'],
      ['Engineering', 'eve'],
    ] as const) {
      expect((await t.api('PUT', `/api/admin/groups/${groups[g]}/members`, admin(), { userId: people[who]!.id })).status).toBe(200);
    }
    const r = await t.api<TeamCalendar>('POST', '/api/admin/team-calendars', admin(), {
      name: 'Sales_Client visits',
      scope: { kind: 'groups', groupIds: [groups.Sales] },
      level: 'reviewer',
      maintainerIds: [people.sue!.id],
      acceptsSubmissions: true,
    });
    expect(r.status).toBe(201);
    team = r.body;
  });
  afterAll(async () => {
    await t.close();
  });

  it('people in the department see it without an invitation; others do not', async () => {
    await waitFor(() => access('sam') !== undefined && access('sue') !== undefined, 2_000, 'team access');
    expect(access('sam')).toMatchObject({ name: 'Sales_Client visits', level: 'reviewer', via: 'group', team: true, ownerName: 'Team' });
    expect(access('sue')).toMatchObject({ level: 'editor', via: 'direct', team: true });
    expect(access('eve')).toBeUndefined();
    expect(access('out')).toBeUndefined();
    // No invitation: it simply appears.
    expect(readInboxItems(people.sam!.inbox.doc).some((i) => i.kind === 'invitation')).toBe(false);
    // The creating admin is not its owner: outside the scope, she does not reach it.
    expect(access('ada')).toBeUndefined();
    expect(team).toMatchObject({ scope: { kind: 'groups', groupIds: [groups.Sales] }, level: 'reviewer', maintainers: [{ email: 'sue@example.com' }], acceptsSubmissions: true });
  });

  it('maintainers edit; people in scope read only at the level; others are refused', async () => {
    const sue = await open('sue', 'full');
    expect(sue.r).toBe('synced');
    writeProbe(sue.c.doc, 'maintainer-item', 'Visit ACME');
    const sam = await open('sam', 'full');
    expect(sam.r).toBe('synced');
    await waitFor(() => groupMap(sam.c.doc, 'what').has('maintainer-item'), 3_000, 'maintainer edit reaches reviewer');
    writeProbe(sam.c.doc, 'reviewer-item');
    expect(await sam.c.closed).toMatchObject({ code: CLOSE.reset });
    const eve = await open('eve', 'busy@0');
    expect(eve.r).toMatchObject({ code: CLOSE.forbidden, reason: 'not-shared' });
    // The owner-only `private` room is closed to everyone, the creating admin included.
    const ada = await open('ada', 'private');
    expect(ada.r).toMatchObject({ code: CLOSE.forbidden });
    sue.c.destroy();
  });

  it('the whole-organisation scope at availability reaches everyone of the organisation only', async () => {
    const r = await t.api<TeamCalendar>('POST', '/api/admin/team-calendars', admin(), { name: 'Project A_Milestones', scope: { kind: 'org' }, level: 'availability' });
    expect(r.status).toBe(201);
    const id = r.body.id;
    for (const who of ['ada', 'sam', 'eve', 'max']) await waitFor(() => access(who, id)?.level === 'availability', 2_000, `${who} org scope`);
    expect(access('out', id)).toBeUndefined();
    expect((await open('max', 'titles@0', id)).r).toMatchObject({ code: CLOSE.forbidden, reason: 'level:availability' });
    expect((await open('max', 'busy@0', id)).r).toBe('synced');
  });

  it('a member added to the department gains it; narrowing the scope removes it from sockets and inbox at once', async () => {
    expect((await t.api('PUT', `/api/admin/groups/${groups.Sales}/members`, admin(), { userId: people.max!.id })).status).toBe(200);
    await waitFor(() => access('max')?.level === 'reviewer', 2_000, 'new member gains it');
    const max = await open('max', 'full');
    expect(max.r).toBe('synced');
    const sam = await open('sam', 'full');
    expect(sam.r).toBe('synced');
    // Narrow to Engineering: Sales people lose it, Engineering gains it.
    const r = await t.api<TeamCalendar>('PUT', `/api/admin/team-calendars/${team.id}/scope`, admin(), { scope: { kind: 'groups', groupIds: [groups.Engineering] }, level: 'limited' });
    expect(r.status).toBe(200);
    expect(r.body.scope).toEqual({ kind: 'groups', groupIds: [groups.Engineering] });
    // Applied before the answer: inbox and socket already changed.
    expect(access('max')).toBeUndefined();
    expect(access('sam')).toBeUndefined();
    expect(await within(max.c.closed, 2_000)).toMatchObject({ code: CLOSE.forbidden, reason: 'level-changed' });
    expect(await within(sam.c.closed, 2_000)).toMatchObject({ code: CLOSE.forbidden, reason: 'level-changed' });
    expect(access('eve')).toMatchObject({ level: 'limited', via: 'group' });
    // The maintainer keeps editing.
    expect(access('sue')?.level).toBe('editor');
    const notice = readInboxItems(people.sam!.inbox.doc).find((i) => i.kind === 'notice' && i.calendarId === team.id && i.notice === 'removed');
    expect(notice).toBeDefined();
    // Back to Sales at reviewer for the queue tests.
    await t.api('PUT', `/api/admin/team-calendars/${team.id}/scope`, admin(), { scope: { kind: 'groups', groupIds: [groups.Sales] }, level: 'reviewer' });
    expect(access('sam')?.level).toBe('reviewer');
    expect(access('eve')).toBeUndefined();
  });

  it('removing a maintainer takes write away at once', async () => {
    const r = await t.api<TeamCalendar>('PUT', `/api/admin/team-calendars/${team.id}/maintainers`, admin(), { userIds: [people.max!.id] });
    expect(r.status).toBe(200);
    expect(access('sue')).toMatchObject({ level: 'reviewer', via: 'group' });
    expect(access('max')).toMatchObject({ level: 'editor', via: 'direct' });
    await t.api('PUT', `/api/admin/team-calendars/${team.id}/maintainers`, admin(), { userIds: [people.sue!.id] });
    expect(access('sue')?.level).toBe('editor');
  });

  it('refuses people who are not admins and bad input', async () => {
    const body = { name: 'Mine', scope: { kind: 'org' }, level: 'reviewer' };
    expect((await t.api('POST', '/api/admin/team-calendars', people.sam!.token, body)).status).toBe(403);
    expect((await t.api('GET', '/api/admin/team-calendars', people.sam!.token)).status).toBe(403);
    expect((await t.api('PUT', `/api/admin/team-calendars/${team.id}/scope`, people.sue!.token, { scope: { kind: 'org' }, level: 'reviewer' })).status).toBe(403);
    expect((await t.api('PUT', `/api/admin/team-calendars/${team.id}/maintainers`, people.sue!.token, { userIds: [] })).status).toBe(403);
    expect((await t.api('POST', '/api/admin/team-calendars', null, body)).status).toBe(401);
    // Editor level is what maintainers are for; scopes read.
    expect((await t.api('POST', '/api/admin/team-calendars', admin(), { ...body, level: 'editor' })).status).toBe(400);
    expect((await t.api('POST', '/api/admin/team-calendars', admin(), { ...body, name: '' })).status).toBe(400);
    expect((await t.api('POST', '/api/admin/team-calendars', admin(), { ...body, scope: { kind: 'groups', groupIds: [] } })).status).toBe(400);
    expect((await t.api('POST', '/api/admin/team-calendars', admin(), { ...body, scope: { kind: 'everyone' } })).status).toBe(400);
    // Groups and maintainers of another organisation, or unknown ones.
    const foreign = await t.api('POST', '/api/admin/team-calendars', admin(), { ...body, maintainerIds: [people.out!.id] });
    expect(foreign.status).toBe(400);
    expect((await t.api('POST', '/api/admin/team-calendars', admin(), { ...body, scope: { kind: 'groups', groupIds: ['nosuchgroup'] } })).status).toBe(400);
    // An ordinary calendar is not a team calendar.
    const own = await t.api<{ id: string }>('POST', '/api/calendars', people.sam!.token, { name: 'Own' });
    expect((await t.api('PUT', `/api/admin/team-calendars/${own.body.id}/scope`, admin(), { scope: { kind: 'org' }, level: 'reviewer' })).status).toBe(404);
    expect((await t.api('POST', `/api/calendars/${own.body.id}/submissions`, people.sam!.token, { title: 'x', start: '2026-03-02T10:00', end: '2026-03-02T11:00' })).status).toBe(404);
  });

  const item = { title: 'Visit Globex', start: '2026-03-04T10:00', end: '2026-03-04T11:30', tzid: 'Europe/Berlin', location: 'Globex HQ', description: 'Contract renewal' };

  it('a submission is approved into the calendar; the submitter is told and maintainers see the badge', async () => {
    const submitted = await t.api<Submission>('POST', `/api/calendars/${team.id}/submissions`, people.sam!.token, item);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'pending', submitterName: 'sam', item: { title: 'Visit Globex' } });
    const badge = () => readInboxItems(people.sue!.inbox.doc).find((i): i is SubmissionQueue => i.kind === 'submission-queue' && i.calendarId === team.id);
    await waitFor(() => badge()?.pending === 1, 2_000, 'queue badge');
    // The submitter sees only their own; maintainers the queue.
    expect((await t.api<{ submissions: Submission[] }>('GET', `/api/calendars/${team.id}/submissions`, people.sam!.token)).body.submissions).toHaveLength(1);
    const queue = await t.api<{ submissions: Submission[] }>('GET', `/api/calendars/${team.id}/submissions`, people.sue!.token);
    expect(queue.body.submissions.map((s) => s.id)).toEqual([submitted.body.id]);
    // A reviewer cannot decide.
    expect((await t.api('POST', `/api/calendars/${team.id}/submissions/${submitted.body.id}/approve`, people.sam!.token)).status).toBe(403);
    const sam = await open('sam', 'full');
    expect(sam.r).toBe('synced');
    const approved = await t.api<Submission>('POST', `/api/calendars/${team.id}/submissions/${submitted.body.id}/approve`, people.sue!.token);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedByName: 'sue' });
    const key = approved.body.eventKey!;
    await waitFor(() => groupMap(sam.c.doc, 'what').has(key), 3_000, 'approved event reaches the submitter');
    expect(JSON.parse(groupMap(sam.c.doc, 'what').get(key)!)).toMatchObject({ title: 'Visit Globex', location: 'Globex HQ', description: 'Contract renewal' });
    expect(JSON.parse(groupMap(sam.c.doc, 'when').get(key)!)).toMatchObject({ start: '2026-03-04T10:00', tzid: 'Europe/Berlin' });
    await waitFor(() => readInboxItems(people.sam!.inbox.doc).some((i) => i.kind === 'submission' && i.status === 'approved'), 2_000, 'approval notice');
    await waitFor(() => badge() === undefined, 2_000, 'badge cleared');
    // Decided once only.
    expect((await t.api('POST', `/api/calendars/${team.id}/submissions/${submitted.body.id}/reject`, people.sue!.token, {})).status).toBe(409);
    const audit = await t.api<{ entries: { action: string }[] }>('GET', `/api/calendars/${team.id}/audit`, admin());
    expect(audit.body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['team.create', 'team.scope', 'team.maintainers', 'team.submit', 'team.approve']));
    sam.c.destroy();
  });

  it('a rejection tells the submitter the reason and writes nothing', async () => {
    const s = await t.api<Submission>('POST', `/api/calendars/${team.id}/submissions`, people.sam!.token, { ...item, title: 'Too early' });
    const r = await t.api<Submission>('POST', `/api/calendars/${team.id}/submissions/${s.body.id}/reject`, people.sue!.token, { reason: 'Clashes with the fair' });
    expect(r.body).toMatchObject({ status: 'rejected', reason: 'Clashes with the fair', eventKey: null });
    await waitFor(
      () => readInboxItems(people.sam!.inbox.doc).some((i): boolean => i.kind === 'submission' && (i as SubmissionNotice).status === 'rejected' && (i as SubmissionNotice).reason === 'Clashes with the fair'),
      2_000,
      'rejection notice',
    );
    expect((await t.api('POST', `/api/calendars/${team.id}/submissions/${s.body.id}/reject`, people.sue!.token, { reason: 'x'.repeat(501) })).status).toBe(400);
  });

  it('refuses submitters out of scope, maintainers, closed queues, bad items and floods', async () => {
    const submit = (who: string, body: unknown = item) => t.api<{ error: { code: string; message: string } }>('POST', `/api/calendars/${team.id}/submissions`, people[who]!.token, body);
    expect((await submit('eve')).status).toBe(404);
    expect((await submit('out')).status).toBe(404);
    expect((await submit('sue')).status).toBe(409);
    expect((await submit('sam', { ...item, title: '' })).status).toBe(400);
    expect((await submit('sam', { ...item, title: 'x'.repeat(201) })).status).toBe(400);
    expect((await submit('sam', { ...item, description: 'x'.repeat(4_001) })).status).toBe(400);
    const backwards = await submit('sam', { ...item, start: '2026-03-04T12:00', end: '2026-03-04T11:00' });
    expect(backwards.status).toBe(400);
    expect((await submit('sam', { ...item, start: 'tomorrow' })).status).toBe(400);
    expect((await submit('sam', { ...item, tzid: 'Mars/Olympus' })).status).toBe(400);
    expect((await t.api('GET', `/api/calendars/${team.id}/submissions`, people.eve!.token)).status).toBe(404);
    // Bounded per person.
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await submit('sam', { ...item, title: `Item ${i}` })).status;
    expect(last).toBe(429);
    // The switch closes the queue.
    expect((await t.api('PUT', `/api/admin/team-calendars/${team.id}/submissions`, people.sam!.token, { acceptsSubmissions: false })).status).toBe(403);
    expect((await t.api('PUT', `/api/admin/team-calendars/${team.id}/submissions`, admin(), { acceptsSubmissions: false })).status).toBe(200);
    expect((await submit('sue')).status).toBe(403);
    expect((await submit('max')).status).toBe(403);
  });

  it('the admin CLI creates team calendars and changes scope and maintainers; the running relay applies it', async () => {
    const store = openStore(t.relay.dbPath);
    const out: string[] = [];
    try {
      await runAdminCommand(store, ['add-team-calendar', '--name', 'Project B_Milestones', '--level', 'limited', '--groups', 'Engineering', '--maintainers', 'sam@example.com', '--org', 'Test Org'], (l) => out.push(l));
      const id = out[0]!.split(' ')[0]!;
      await waitFor(() => access('eve', id)?.level === 'limited' && access('sam', id)?.level === 'editor', 3_000, 'CLI team calendar');
      expect(access('sue', id)).toBeUndefined();
      await runAdminCommand(store, ['team-scope', '--calendar', id, '--whole-org', '--level', 'availability'], (l) => out.push(l));
      await waitFor(() => access('sue', id)?.level === 'availability' && access('eve', id)?.level === 'availability', 3_000, 'CLI scope');
      await runAdminCommand(store, ['team-maintainers', '--calendar', id, '--maintainers', ''], (l) => out.push(l));
      await waitFor(() => access('sam', id)?.level === 'availability', 3_000, 'CLI maintainers');
      await expect(runAdminCommand(store, ['add-team-calendar', '--name', 'X', '--level', 'editor', '--org', 'Test Org'], () => {})).rejects.toThrow(/--level/);
      await expect(runAdminCommand(store, ['team-scope', '--calendar', id, '--level', 'limited'], () => {})).rejects.toThrow(/--groups or --whole-org/);
      await runAdminCommand(store, ['list-team-calendars', '--org', 'Test Org'], (l) => out.push(l));
      expect(out.some((l) => l.includes('Project B_Milestones') && l.includes('whole organisation'))).toBe(true);
      expect(store.audit.forCalendar(id).map((e) => e.action)).toEqual(expect.arrayContaining(['team.create', 'team.scope', 'team.maintainers']));
    } finally {
      store.close();
    }
    expect(orgId).toBeTruthy();
  });
});
