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
    expect(orgFile).toMatchObject({ format: 'tessera-export', version: 1, body: { kind: 'org' } });
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
    await expect(restore({ ...orgFile, version: 2 })).rejects.toMatchObject({ code: 'export_foreign', message: expect.stringContaining('version 2') });
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
