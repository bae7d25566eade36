import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checksumOf } from '../../src/relay/backup/buildExport';
import type { RestoreReport } from '../../src/relay/backup/restoreExport';
import { runAdminCommand } from '../../src/relay/cli/runAdminCommand';
import type { Store } from '../../src/relay/store/Store';
import { TRASH_MS } from '../../src/relay/trash/trashPeriod';
import { writePrivateDetails, writeSample } from './support/events';
import { startTestRelay, waitFor, type TestRelay } from './support/relayHarness';

type ExportJson = { format: string; version: number; checksum: string; body: Record<string, unknown> & { calendars: { id: string; documents: { full: string } }[] } };

/** What must survive an export and restore: rows by id, and each stored document's content. */
function snapshotOf(store: Store, orgName: string) {
  const org = store.directory.orgByName(orgName)!;
  const calendars = store.sharing.calendarsOfOrg(org.id);
  const docJson = (room: string) => {
    const stored = store.rooms.load(room);
    const doc = new Y.Doc();
    for (const u of [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((x) => x.data)]) Y.applyUpdate(doc, u);
    return doc.toJSON();
  };
  return {
    org: { id: org.id, name: org.name, default: org.default_level },
    people: store.directory.peopleOfOrg(org.id).map((p) => ({ id: p.id, email: p.email, name: p.name, admin: p.is_admin, hash: p.password_hash })),
    groups: store.directory.groupsOfOrg(org.id).map((g) => ({ id: g.id, name: g.name, members: store.directory.membersOf(g.id).sort() })),
    calendars: calendars.map((c) => ({
      id: c.id,
      name: c.name,
      owner: c.owner_id,
      default: c.default_level,
      archived: store.archive.isArchived(c.id),
      grants: store.sharing.grants(c.id).map((g) => ({ kind: g.subject_kind, id: g.subject_id, level: g.level, seesPrivate: g.sees_private, since: g.since })),
      full: docJson(`cal/${c.id}/full`),
      private: docJson(`cal/${c.id}/private`),
    })),
  };
}

const count = (store: Store, table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const counts = (store: Store) => Object.fromEntries(['orgs', 'people', 'groups', 'calendars', 'grants', 'room_updates', 'audit'].map((t) => [t, count(store, t)]));

describe('export and restore', () => {
  let t: TestRelay;
  let fresh: TestRelay;
  let dir: string;
  let admin: string;
  let owner: string;
  let ann: string;
  let calendarId: string;
  let orgFile: ExportJson;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tessera-export-'));
    t = await startTestRelay();
    fresh = await startTestRelay();
    t.org('Acme', 'availability');
    const org = t.relay.store.directory.orgByName('Acme')!;
    await t.person('admin@acme.test', { admin: true, org });
    await t.person('owner@acme.test', { org });
    const annP = await t.person('ann@acme.test', { org });
    admin = (await t.signIn('admin@acme.test')).accessToken;
    owner = (await t.signIn('owner@acme.test')).accessToken;
    ann = (await t.signIn('ann@acme.test')).accessToken;
    const sales = (await t.api<{ id: string }>('POST', '/api/admin/groups', admin, { name: 'Sales' })).body.id;
    expect((await t.api('PUT', `/api/admin/groups/${sales}/members`, admin, { userId: annP.id })).status).toBeLessThan(300);
    calendarId = (await t.api<{ id: string }>('POST', '/api/calendars', owner, { name: 'Plans' })).body.id;
    const full = t.connect(`cal/${calendarId}/full`, owner);
    const priv = t.connect(`cal/${calendarId}/private`, owner);
    await Promise.all([full.synced, priv.synced]);
    writeSample(full.doc);
    writePrivateDetails(priv.doc);
    await waitFor(() => t.relay.store.rooms.load(`cal/${calendarId}/private`).lastId > 0 && t.relay.rooms.peek(`cal/${calendarId}/full`)?.doc.getMap('when').size === 2);
    expect((await t.api('PUT', `/api/calendars/${calendarId}/grants`, owner, { subject: { kind: 'user', id: annP.id }, level: 'delegate', seesPrivate: true })).status).toBe(200);
    expect((await t.api('PUT', `/api/calendars/${calendarId}/grants`, owner, { subject: { kind: 'group', id: sales }, level: 'reviewer' })).status).toBe(200);
    const old = (await t.api<{ id: string }>('POST', '/api/calendars', owner, { name: 'Archive me' })).body.id;
    expect((await t.api('POST', `/api/calendars/${old}/archive`, owner)).status).toBe(200);
    const overlay = t.connect(`user/${annP.id}`, ann);
    await overlay.synced;
    overlay.doc.getMap('colors').set(calendarId, '#ff0000');
    await waitFor(() => t.relay.store.rooms.load(`user/${annP.id}`).lastId > 0);
  });
  afterAll(async () => {
    await t.close();
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an admin exports the organisation; restoring it into a fresh relay gives identical documents and grants', async () => {
    const r = await t.api<ExportJson>('GET', '/api/admin/export', admin);
    expect(r.status).toBe(200);
    orgFile = r.body;
    expect(orgFile).toMatchObject({ format: 'tessera-export', version: 2, body: { kind: 'org' } });
    expect(t.relay.store.audit.all(5).map((e) => e.action)).toContain('export.org');
    const file = path.join(dir, 'acme.json');
    writeFileSync(file, JSON.stringify(orgFile));
    const lines: string[] = [];
    await runAdminCommand(fresh.relay.store, ['restore', '--file', file], (l) => lines.push(l));
    expect(lines[0]).toMatch(/2 calendar\(s\) restored/);
    expect(snapshotOf(fresh.relay.store, 'Acme')).toEqual(snapshotOf(t.relay.store, 'Acme'));
    // People sign in with their passwords, and the restored calendar syncs its content.
    const annToken = (await fresh.signIn('ann@acme.test')).accessToken;
    const c = fresh.connect(`cal/${calendarId}/full`, annToken);
    await c.synced;
    await waitFor(() => c.doc.getMap('when').size === 2);
    const list = await fresh.api<{ calendars: { id: string; archived?: boolean; level: string }[] }>('GET', '/api/calendars', annToken);
    expect(list.body.calendars.find((x) => x.id === calendarId)?.level).toBe('delegate');
    expect(list.body.calendars.some((x) => x.archived === true)).toBe(true);
    // Restoring the same file again changes nothing: everything is there already.
    const before = counts(fresh.relay.store);
    await runAdminCommand(fresh.relay.store, ['restore', '--file', file], (l) => lines.push(l));
    expect(lines.at(-1)).toMatch(/0 calendar\(s\) restored, 2 already present/);
    expect({ ...counts(fresh.relay.store), audit: 0 }).toEqual({ ...before, audit: 0 });
  });

  it('refuses a damaged or foreign file with a clear error and writes nothing', async () => {
    const store = fresh.relay.store;
    const before = counts(store);
    const restore = async (value: unknown) => {
      const file = path.join(dir, 'bad.json');
      writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
      return runAdminCommand(store, ['restore', '--file', file], () => {});
    };
    const resealed = (body: unknown) => ({ ...orgFile, body, checksum: checksumOf(body) });
    await expect(restore('{not json')).rejects.toMatchObject({ code: 'export_damaged' });
    await expect(restore({ format: 'ical', version: 1 })).rejects.toMatchObject({ code: 'export_foreign' });
    await expect(restore([1, 2])).rejects.toMatchObject({ code: 'export_foreign' });
    await expect(restore({ ...orgFile, version: 3 })).rejects.toMatchObject({ code: 'export_foreign', message: expect.stringContaining('version 3') });
    await expect(restore({ ...orgFile, body: { ...orgFile.body, exportedAt: 1 } })).rejects.toMatchObject({ code: 'export_damaged', message: expect.stringContaining('checksum') });
    await expect(restore({ ...orgFile, checksum: 'x' })).rejects.toMatchObject({ code: 'export_damaged' });
    await expect(restore({ ...orgFile, extra: true })).rejects.toMatchObject({ code: 'export_damaged' });
    await expect(restore(resealed({ ...orgFile.body, people: 'nobody' }))).rejects.toMatchObject({ code: 'export_damaged', message: expect.stringContaining('people') });
    const cals = orgFile.body.calendars;
    await expect(restore(resealed({ ...orgFile.body, calendars: [{ ...cals[0]!, documents: { ...cals[0]!.documents, full: Buffer.from('this is no Yjs update at all').toString('base64') } }] }))).rejects.toMatchObject({
      code: 'export_damaged',
      message: expect.stringContaining('not a Yjs document'),
    });
    await expect(restore(resealed({ ...orgFile.body, calendars: [{ ...cals[0]!, ownerId: 'stranger' }] }))).rejects.toMatchObject({ code: 'export_damaged' });
    await expect(restore(resealed({ ...orgFile.body, calendars: [cals[0], cals[0]] }))).rejects.toMatchObject({ code: 'export_damaged' });
    await expect(runAdminCommand(store, ['restore', '--file', path.join(dir, 'missing.json')], () => {})).rejects.toMatchObject({ code: 'export_damaged' });
    await expect(runAdminCommand(store, ['restore'], () => {})).rejects.toMatchObject({ status: 400 });
    expect(counts(store)).toEqual(before);
  });

  it('never half-restores: a conflict late in the file rolls everything back', async () => {
    const other = await startTestRelay();
    try {
      // The second person's email is taken here by someone else: the org, the first person, nothing stays.
      other.org('Elsewhere');
      await other.person('owner@acme.test');
      const before = counts(other.relay.store);
      const file = path.join(dir, 'acme.json');
      await expect(runAdminCommand(other.relay.store, ['restore', '--file', file], () => {})).rejects.toMatchObject({ status: 409 });
      expect(counts(other.relay.store)).toEqual(before);
      expect(other.relay.store.directory.orgByName('Acme')).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('the owner exports their account and brings back a purged calendar; nobody else may restore it', async () => {
    const r = await t.api<ExportJson>('GET', '/api/export/account', owner);
    expect(r.status).toBe(200);
    expect(r.body.body).toMatchObject({ kind: 'account' });
    expect(JSON.stringify(r.body)).not.toContain('scrypt$');
    expect((await t.api('GET', '/api/export/account', null)).status).toBe(401);
    expect((await t.api('GET', '/api/admin/export', owner)).status).toBe(403);
    const expected = snapshotOf(t.relay.store, 'Acme').calendars.find((c) => c.id === calendarId);

    expect((await t.api('DELETE', `/api/calendars/${calendarId}`, owner)).status).toBe(204);
    t.advance(TRASH_MS + 60_000);
    await t.restart();
    expect(t.relay.store.trash.calendar(calendarId)).toBeNull();
    owner = (await t.signIn('owner@acme.test')).accessToken;
    ann = (await t.signIn('ann@acme.test')).accessToken;

    expect((await t.api('POST', '/api/restore', ann, r.body)).status).toBe(403);
    expect((await t.api('POST', '/api/restore', owner, { format: 'nope' })).status).toBe(400);
    expect((await t.api('POST', '/api/restore', owner)).status).toBe(400);
    // A forged file cannot claim the id of someone else's deleted calendar.
    const annCal = (await t.api<{ id: string }>('POST', '/api/calendars', ann, { name: 'Ann’s' })).body.id;
    expect((await t.api('DELETE', `/api/calendars/${annCal}`, ann)).status).toBe(204);
    const forgedBody = { ...r.body.body, calendars: r.body.body.calendars.map((c) => ({ ...c, id: annCal })).slice(0, 1) };
    // While it is in the trash it is left alone; once purged, the id is not the owner's to take.
    const forged = await t.api<RestoreReport>('POST', '/api/restore', owner, { ...r.body, body: forgedBody, checksum: checksumOf(forgedBody) });
    expect(forged.body.calendarsSkipped).toEqual([annCal]);
    t.relay.store.trash.deleteCalendar(annCal);
    const forgedAgain = await t.api<{ error: { code: string } }>('POST', '/api/restore', owner, { ...r.body, body: forgedBody, checksum: checksumOf(forgedBody) });
    expect(forgedAgain).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(t.relay.store.sharing.calendar(annCal)).toBeNull();
    const restored = await t.api<RestoreReport>('POST', '/api/restore', owner, r.body);
    expect(restored.status).toBe(200);
    expect(restored.body.calendarsRestored).toEqual([calendarId]);
    expect(restored.body.calendarsSkipped.length).toBe(1);
    const now = snapshotOf(t.relay.store, 'Acme').calendars.find((c) => c.id === calendarId);
    expect(now).toEqual(expected);
    expect(t.relay.store.audit.forOrg(t.relay.store.directory.orgByName('Acme')!.id, 5).map((e) => e.action)).toContain('export.restore');
  });

  it('the CLI exports an organisation to a file', async () => {
    const out = path.join(dir, 'cli.json');
    const lines: string[] = [];
    await runAdminCommand(t.relay.store, ['export', '--org', 'Acme', '--out', out], (l) => lines.push(l));
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as ExportJson;
    expect(parsed.checksum).toBe(checksumOf(parsed.body));
    expect(lines[0]).toMatch(/organisation Acme/);
    await expect(runAdminCommand(t.relay.store, ['export', '--org', 'Nope', '--out', out], () => {})).rejects.toMatchObject({ status: 404 });
    await expect(runAdminCommand(t.relay.store, ['export', '--org', 'Acme'], () => {})).rejects.toMatchObject({ status: 400 });
  });
});

describe('export and restore of the organisation features (version 2)', () => {
  let t: TestRelay;
  let dir: string;
  let file: ExportJson;
  let admin: string;
  const ids: Record<string, string> = {};
  let feedPath = '';
  let appPassword = '';
  const hours = [{ day: 1, start: '08:00', end: '16:00' }];
  const item = { title: 'Visit Globex', start: '2026-03-04T10:00', end: '2026-03-04T11:30', tzid: 'Europe/Berlin' };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tessera-export2-'));
    t = await startTestRelay();
    t.org('Beta', 'availability');
    const org = t.relay.store.directory.orgByName('Beta')!;
    ids.admin = (await t.person('admin@beta.test', { admin: true, org })).id;
    ids.mia = (await t.person('mia@beta.test', { org })).id;
    ids.leo = (await t.person('leo@beta.test', { org })).id;
    ids.rex = (await t.person('rex@beta.test', { org })).id;
    admin = (await t.signIn('admin@beta.test')).accessToken;
    const mia = (await t.signIn('mia@beta.test')).accessToken;
    const leo = (await t.signIn('leo@beta.test')).accessToken;
    const ok = (r: { status: number; body: unknown }) => {
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return r.body as Record<string, unknown>;
    };
    ok(await t.api('PUT', '/api/admin/policies', admin, { icsLinksMax: 'limited', externalSharingMax: 'none' }));
    ok(await t.api('PUT', '/api/profile', mia, { zone: 'Europe/Berlin', workingHours: hours }));
    ids.sales = ok(await t.api('POST', '/api/admin/shared-addresses', admin, { email: 'sales@beta.test', name: 'Sales' })).id as string;
    ok(await t.api('PUT', `/api/admin/shared-addresses/${ids.sales}/members`, admin, { userId: ids.mia }));
    ok(await t.api('POST', `/api/admin/shared-addresses/${ids.sales}/aliases`, admin, { alias: 'deals@beta.test' }));
    ids.team = ok(await t.api('POST', '/api/admin/team-calendars', admin, { name: 'Client visits', scope: { kind: 'org' }, level: 'availability', maintainerIds: [ids.mia], acceptsSubmissions: true })).id as string;
    ok(await t.api('POST', `/api/calendars/${ids.team}/submissions`, leo, item));
    ids.cal = ok(await t.api('POST', '/api/calendars', mia, { name: 'Mia plans' })).id as string;
    feedPath = ok(await t.api('POST', `/api/calendars/${ids.cal}/ics-links`, mia, { level: 'limited' })).path as string;
    ids.old = ok(await t.api('POST', '/api/calendars', mia, { name: 'Old' })).id as string;
    ok(await t.api('POST', `/api/calendars/${ids.old}/archive`, mia));
    appPassword = ok(await t.api('POST', '/api/app-passwords', leo, { name: 'Phone' })).password as string;
    ok(await t.api('DELETE', `/api/admin/people/${ids.rex}`, admin));
    file = (await t.api<ExportJson>('GET', '/api/admin/export', admin)).body;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const restoreInto = async (relay: TestRelay, value: unknown) => {
    const f = path.join(dir, `f${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, JSON.stringify(value));
    const lines: string[] = [];
    await runAdminCommand(relay.relay.store, ['restore', '--file', f], (l) => lines.push(l));
    return lines;
  };
  const resealed = (body: unknown, version = 2) => ({ ...file, version, body, checksum: checksumOf(body) });
  const allCounts = (store: Store) =>
    Object.fromEntries(
      ['orgs', 'people', 'calendars', 'grants', 'org_policies', 'profiles', 'shared_addresses', 'shared_address_members', 'shared_address_aliases', 'team_calendars', 'team_submissions', 'removed_people', 'ics_links', 'app_passwords', 'calendar_archive'].map((x) => [x, count(store, x)]),
    );

  it('brings back policies, profiles, shared addresses, team settings, removals, ICS links, app passwords and archive state', async () => {
    const fresh = await startTestRelay();
    try {
      await restoreInto(fresh, file);
      const s = fresh.relay.store;
      const orgId = s.directory.orgByName('Beta')!.id;
      const admin2 = (await fresh.signIn('admin@beta.test')).accessToken;
      const mia2 = (await fresh.signIn('mia@beta.test')).accessToken;
      // The policy still refuses.
      expect((await fresh.api('GET', '/api/admin/policies', admin2)).body).toMatchObject({ icsLinksMax: 'limited', externalSharingMax: 'none' });
      const refused = await fresh.api<{ error: { code: string } }>('POST', `/api/calendars/${ids.cal}/ics-links`, mia2, { level: 'reviewer' });
      expect(refused.body.error.code).toBe('policy_ics_links');
      // The profile is in the directory.
      expect((await fresh.api('GET', '/api/profile', mia2)).body).toEqual({ zone: 'Europe/Berlin', workingHours: hours });
      expect(s.profiles.ofOrg(orgId).get(ids.mia!)).toEqual({ zone: 'Europe/Berlin', workingHours: hours });
      // The shared address, its member and its alias.
      expect(s.sharedAddresses.byAlias('deals@beta.test')).toBe(ids.sales);
      expect(s.sharedAddresses.members(ids.sales!)).toEqual([ids.mia]);
      // Team settings and the pending submission.
      expect(s.teams.team(ids.team!)).toMatchObject({ scope_kind: 'org', level: 'availability', accepts_submissions: true });
      expect(s.teams.pendingCount(ids.team!)).toBe(1);
      const queue = await fresh.api<{ submissions: { item: { title: string } }[] }>('GET', `/api/calendars/${ids.team}/submissions`, mia2);
      expect(queue.body.submissions.map((x) => x.item.title)).toEqual(['Visit Globex']);
      // The feed answers at the same URL.
      const feed = await fetch(fresh.relay.url + feedPath);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');
      // The removed person stays removed; the app password still exchanges.
      expect(s.removedPeople.isRemoved(ids.rex!)).toBe(true);
      await expect(fresh.signIn('rex@beta.test')).rejects.toThrow();
      expect((await fresh.api('POST', '/api/auth/app-password', null, { email: 'leo@beta.test', password: appPassword })).status).toBe(200);
      // Archive state with its time and author.
      expect(s.archive.get(ids.old!)).toEqual(t.relay.store.archive.get(ids.old!));
    } finally {
      await fresh.close();
    }
  });

  it('cuts what the organisation’s policies here refuse: an external share left out or lowered, a link above the cap restored revoked', async () => {
    for (const externalSharingMax of ['none', 'limited'] as const) {
      const fresh = await startTestRelay();
      try {
        const other = fresh.org('Globex', 'none');
        const ext = await fresh.person('ext@globex.test', { org: other });
        const body = structuredClone(file.body) as unknown as { policy: Record<string, unknown>; calendars: { id: string; grants: unknown[] }[]; icsLinks: { calendarId: string }[] };
        // A file from before the policies were tightened: an external reviewer, a links cap below the published link.
        body.policy = { ...body.policy, externalSharingMax, icsLinksMax: 'availability' };
        body.calendars.find((c) => c.id === ids.cal)!.grants.push({ subjectKind: 'user', subjectId: ext.id, level: 'reviewer', seesPrivate: false, since: 1, grantedBy: 'mia@beta.test' });
        expect(body.icsLinks.some((l) => l.calendarId === ids.cal)).toBe(true);
        const lines = await restoreInto(fresh, resealed(body));
        expect(lines.join('\n')).toMatch(externalSharingMax === 'none' ? /0 external share\(s\) lowered, 1 left out, 1 ICS link\(s\) restored revoked/ : /1 external share\(s\) lowered, 0 left out, 1 ICS link\(s\) restored revoked/);
        const grant = fresh.relay.store.sharing.grants(ids.cal!).find((g) => g.subject_id === ext.id);
        if (externalSharingMax === 'none') expect(grant).toBeUndefined();
        else expect(grant?.level).toBe('limited');
        // The link is listed with its log but no longer answers.
        const link = fresh.relay.store.icsLinks.forCalendar(ids.cal!)[0]!;
        expect(link.revoked_at).not.toBeNull();
        expect((await fetch(fresh.relay.url + feedPath)).status).toBe(410);
      } finally {
        await fresh.close();
      }
    }
  });

  it('a version 1 file still restores, with the newer sections empty', async () => {
    const fresh = await startTestRelay();
    try {
      const { policy, appPasswordsAllowed, profiles, sharedAddresses, teams, removedPeople, icsLinks, appPasswords, ...v1 } = file.body;
      void [policy, appPasswordsAllowed, profiles, sharedAddresses, teams, removedPeople, icsLinks, appPasswords];
      const body = { ...v1, calendars: file.body.calendars.map(({ archivedAt, archivedBy, ...c }: Record<string, unknown>) => (void [archivedAt, archivedBy], c)) };
      const lines = await restoreInto(fresh, resealed(body, 1));
      expect(lines[0]).toMatch(/4 calendar\(s\) restored/);
      expect(fresh.relay.store.archive.isArchived(ids.old!)).toBe(true);
      expect(fresh.relay.store.profiles.get(ids.mia!)).toBeNull();
      // A version 1 file carrying a version 2 section is damaged.
      await expect(restoreInto(fresh, resealed({ ...body, profiles: [] }, 1))).rejects.toMatchObject({ code: 'export_damaged' });
    } finally {
      await fresh.close();
    }
  });

  it('refuses a damaged or inconsistent new section and writes nothing', async () => {
    const fresh = await startTestRelay();
    try {
      const before = allCounts(fresh.relay.store);
      const b = file.body as Record<string, unknown> & Record<string, Record<string, unknown>[]>;
      const first = (k: string) => b[k]![0]!;
      const bad: [string, unknown][] = [
        ['alias', { ...b, sharedAddresses: [{ ...first('sharedAddresses'), personId: 'stranger' }] }],
        ['member', { ...b, sharedAddresses: [{ ...first('sharedAddresses'), members: ['stranger'] }] }],
        ['alias twice', { ...b, sharedAddresses: [{ ...first('sharedAddresses'), aliases: ['deals@beta.test', 'deals@beta.test'] }] }],
        ['link calendar', { ...b, icsLinks: [{ ...first('icsLinks'), calendarId: 'elsewhere' }] }],
        ['link token', { ...b, icsLinks: [{ ...first('icsLinks'), token: 'A'.repeat(43) }] }],
        ['link level', { ...b, icsLinks: [{ ...first('icsLinks'), level: 'owner' }] }],
        ['profile zone', { ...b, profiles: [{ ...first('profiles'), zone: 'Mars/Olympus' }] }],
        ['profile person', { ...b, profiles: [{ ...first('profiles'), userId: 'stranger' }] }],
        ['team calendar', { ...b, teams: [{ ...first('teams'), calendarId: ids.cal }] }],
        ['submitter', { ...b, teams: [{ ...first('teams'), pending: [{ ...(first('teams').pending as Record<string, unknown>[])[0], submitterId: 'stranger' }] }] }],
        ['removed', { ...b, removedPeople: [{ ...first('removedPeople'), userId: 'stranger' }] }],
        ['app password', { ...b, appPasswords: [{ ...first('appPasswords'), userId: 'stranger' }] }],
        ['policy', { ...b, policy: { icsLinksMax: 'owner', externalSharingMax: 'none', newCalendarLevel: null } }],
        ['archive', { ...b, calendars: b.calendars!.map((c) => ({ ...c, archived: false })) }],
      ];
      for (const [what, body] of bad) {
        await expect(restoreInto(fresh, resealed(body)), what).rejects.toMatchObject({ code: 'export_damaged' });
      }
      expect(allCounts(fresh.relay.store)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });
});
