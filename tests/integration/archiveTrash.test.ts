import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarAccess } from '../../src/shared/protocol/api';
import { CLOSE } from '../../src/shared/protocol/closeCodes';
import { readAccess } from '../../src/shared/protocol/inboxDocument';
import { deleteEventKey, groupMap } from '../../src/shared/model/eventDocument';
import type { DeletedCalendar, DeletedEvent } from '../../src/shared/protocol/trash';
import { runAdminCommand } from '../../src/relay/cli/runAdminCommand';
import { CLI_ACTOR } from '../../src/relay/sharing/SharingContext';
import { purgeTrash } from '../../src/relay/trash/purgeTrash';
import { TRASH_MS } from '../../src/relay/trash/trashPeriod';
import { icsLinkListSchema, icsLinkSchema, type IcsLink } from '../../src/shared/protocol/icsLinks';
import { writeProbe, writeSample } from './support/events';
import { startTestRelay, waitFor, within, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Archive (read-only for every open socket at once, hidden in inboxes,
 * restorable), the calendar trash (delete -> restore with grants and content,
 * purge after 30 days) and the event trash (a deleted event restored into `full`).
 */
describe('archive and trash', () => {
  let t: TestRelay;
  let owner: string;
  let ann: { id: string; token: string; inbox: SyncClient };
  let ben: { id: string; token: string };
  let admin: string;
  let outsiderToken: string;

  const newCalendar = async (name: string) => {
    const id = (await t.api<{ id: string }>('POST', '/api/calendars', owner, { name })).body.id;
    const full = t.connect(`cal/${id}/full`, owner);
    await full.synced;
    writeSample(full.doc);
    await waitFor(() => t.relay.rooms.peek(`cal/${id}/full`)?.doc.getMap('when').size === 2);
    expect((await t.api('PUT', `/api/calendars/${id}/grants`, owner, { subject: { kind: 'user', id: ann.id }, level: 'editor' })).status).toBe(200);
    return { id, full };
  };
  const annAccess = (id: string): CalendarAccess | undefined => readAccess(ann.inbox.doc).find((a) => a.id === id);
  const openFull = async (id: string, token: string) => {
    const c = t.connect(`cal/${id}/full`, token);
    expect(await Promise.race([c.synced.then(() => 'synced' as const), c.closed])).toBe('synced');
    return c;
  };

  beforeAll(async () => {
    t = await startTestRelay();
    t.org('Test Org', 'none');
    await t.person('owner@example.com');
    owner = (await t.signIn('owner@example.com')).accessToken;
    const a = await t.person('ann@example.com');
    const annSession = await t.signIn('ann@example.com');
    const inbox = t.connect(`inbox/${a.id}`, annSession.accessToken);
    await inbox.synced;
    ann = { id: a.id, token: annSession.accessToken, inbox };
    const b = await t.person('ben@example.com');
    ben = { id: b.id, token: (await t.signIn('ben@example.com')).accessToken };
    await t.person('admin@example.com', { admin: true });
    admin = (await t.signIn('admin@example.com')).accessToken;
    const other = t.org('Other Org');
    await t.person('out@example.com', { org: other, admin: true });
    outsiderToken = (await t.signIn('out@example.com')).accessToken;
  });
  afterAll(async () => {
    await t.close();
  });

  it('archiving switches every open socket to read-only at once, refuses writes and marks inboxes', async () => {
    const { id, full: ownerFull } = await newCalendar('Old project');
    const annFull = await openFull(id, ann.token);
    await waitFor(() => annAccess(id)?.level === 'editor');
    const r = await t.api<CalendarAccess>('POST', `/api/calendars/${id}/archive`, owner);
    expect(r.status).toBe(200);
    expect(r.body.archived).toBe(true);
    await waitFor(() => annAccess(id)?.archived === true, 2_000, 'archived in the inbox');
    // Both sockets stay open, but in read mode: the next write is refused with a reset.
    expect(await within(annFull.closed, 100)).toBe('timeout');
    writeProbe(annFull.doc, 'ann-late');
    expect(await annFull.closed).toMatchObject({ code: CLOSE.reset, reason: 'reset:read-only' });
    writeProbe(ownerFull.doc, 'owner-late');
    expect(await ownerFull.closed).toMatchObject({ code: CLOSE.reset, reason: 'reset:read-only' });
    const live = t.relay.rooms.open({ kind: 'calendar', calendarId: id, doc: 'full' }).doc.getMap('when');
    expect(live.has('ann-late')).toBe(false);
    expect(live.has('owner-late')).toBe(false);
    // A new socket of the owner opens read-only too.
    const again = await openFull(id, owner);
    writeProbe(again.doc, 'owner-later');
    expect(await again.closed).toMatchObject({ code: CLOSE.reset, reason: 'reset:read-only' });

    // Refusals: archiving twice, an editor archiving, an outsider, bad ids.
    expect((await t.api('POST', `/api/calendars/${id}/archive`, owner)).status).toBe(409);
    expect((await t.api('POST', `/api/calendars/${id}/unarchive`, ann.token)).status).toBe(403);
    expect((await t.api('POST', `/api/calendars/${id}/unarchive`, ben.token)).status).toBe(404);
    expect((await t.api('POST', `/api/calendars/${id}/unarchive`, outsiderToken)).status).toBe(404);
    expect((await t.api('POST', `/api/calendars/nope/archive`, owner)).status).toBe(404);
    expect((await t.api('POST', `/api/calendars/${id}/archive`, null)).status).toBe(401);

    // An admin restores it: writable again.
    const restored = await t.api<CalendarAccess>('POST', `/api/calendars/${id}/unarchive`, admin);
    expect(restored.status).toBe(200);
    await waitFor(() => annAccess(id) !== undefined && annAccess(id)?.archived === undefined, 2_000, 'unarchived in the inbox');
    expect((await t.api('POST', `/api/calendars/${id}/unarchive`, owner)).status).toBe(409);
    const writer = await openFull(id, ann.token);
    writeProbe(writer.doc, 'ann-after');
    await waitFor(() => t.relay.rooms.open({ kind: 'calendar', calendarId: id, doc: 'full' }).doc.getMap('when').has('ann-after'));
    const actions = t.relay.store.audit.forCalendar(id).map((e) => e.action);
    expect(actions).toContain('calendar.archive');
    expect(actions).toContain('calendar.unarchive');
  });

  it('a deleted calendar goes to the trash and comes back with its grants and content', async () => {
    const { id } = await newCalendar('Trips');
    await waitFor(() => annAccess(id)?.level === 'editor');
    const annFull = await openFull(id, ann.token);
    expect((await t.api('DELETE', `/api/calendars/${id}`, ann.token)).status).toBe(403);
    expect((await t.api('DELETE', `/api/calendars/${id}`, owner)).status).toBe(204);
    expect((await annFull.closed).code).toBe(CLOSE.notFound);
    await waitFor(() => annAccess(id) === undefined, 2_000, 'removed from the inbox');

    const mine = await t.api<{ calendars: DeletedCalendar[] }>('GET', '/api/trash/calendars', owner);
    expect(mine.body.calendars.map((c) => c.id)).toContain(id);
    expect(mine.body.calendars.find((c) => c.id === id)!.purgeAt - mine.body.calendars.find((c) => c.id === id)!.deletedAt).toBe(TRASH_MS);
    expect((await t.api<{ calendars: DeletedCalendar[] }>('GET', '/api/trash/calendars', admin)).body.calendars.map((c) => c.id)).toContain(id);
    expect((await t.api<{ calendars: DeletedCalendar[] }>('GET', '/api/trash/calendars', ann.token)).body.calendars).toEqual([]);
    // Only its owner or an admin restores it; others learn nothing.
    expect((await t.api('POST', `/api/trash/calendars/${id}/restore`, ann.token)).status).toBe(404);
    expect((await t.api('POST', `/api/trash/calendars/${id}/restore`, outsiderToken)).status).toBe(404);
    expect((await t.api('POST', `/api/trash/calendars/unknown/restore`, owner)).status).toBe(404);
    // Its id stays taken while it is in the trash.
    expect((await t.api('POST', '/api/calendars', owner, { id, name: 'Squatter' })).status).toBe(409);

    const r = await t.api<CalendarAccess>('POST', `/api/trash/calendars/${id}/restore`, owner);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, name: 'Trips', level: 'owner', epochs: { titles: 1, busy: 1 } });
    await waitFor(() => annAccess(id)?.level === 'editor', 2_000, 'editor again');
    const back = await openFull(id, ann.token);
    await waitFor(() => back.doc.getMap('when').size === 2, 2_000, 'content back');
    expect(groupMap(back.doc, 'what').get('pub')).toContain('Board meeting');
    expect((await t.api('POST', `/api/trash/calendars/${id}/restore`, owner)).status).toBe(404);
    expect(t.relay.store.audit.forCalendar(id).map((e) => e.action)).toContain('calendar.restore-deleted');
  });

  it('purges a deleted calendar and its documents after 30 days (at start)', async () => {
    const { id, full } = await newCalendar('Short-lived');
    full.destroy();
    expect((await t.api('DELETE', `/api/calendars/${id}`, owner)).status).toBe(204);
    expect(t.relay.store.rooms.load(`cal/${id}/full`).lastId).toBeGreaterThan(0);
    t.advance(TRASH_MS - 60_000);
    await t.restart();
    expect(t.relay.store.trash.calendar(id)).not.toBeNull();
    t.advance(2 * 60_000);
    await t.restart();
    owner = (await t.signIn('owner@example.com')).accessToken;
    admin = (await t.signIn('admin@example.com')).accessToken;
    ben.token = (await t.signIn('ben@example.com')).accessToken;
    outsiderToken = (await t.signIn('out@example.com')).accessToken;
    const annSession = await t.signIn('ann@example.com');
    ann.token = annSession.accessToken;
    ann.inbox = t.connect(`inbox/${ann.id}`, ann.token);
    await ann.inbox.synced;
    expect(t.relay.store.trash.calendar(id)).toBeNull();
    expect(t.relay.store.rooms.load(`cal/${id}/full`).lastId).toBe(0);
    expect(t.relay.store.rooms.load(`cal/${id}/full`).snapshot).toBeNull();
    expect((await t.api('POST', `/api/trash/calendars/${id}/restore`, owner)).status).toBe(404);
    expect(t.relay.store.audit.forCalendar(id).map((e) => e.action)).toContain('calendar.purge');
  });

  it('keeps a deleted event in the trash; editors list and restore it, readers cannot', async () => {
    const { id, full } = await newCalendar('Events');
    expect((await t.api('PUT', `/api/calendars/${id}/grants`, owner, { subject: { kind: 'user', id: ben.id }, level: 'reviewer' })).status).toBe(200);
    const annFull = await openFull(id, ann.token);
    await waitFor(() => annFull.doc.getMap('when').size === 2);
    full.doc.transact(() => deleteEventKey(full.doc, 'pub'));
    await waitFor(() => annFull.doc.getMap('when').size === 1, 2_000, 'deletion reached ann');

    const list = await t.api<{ events: DeletedEvent[] }>('GET', `/api/calendars/${id}/trash`, ann.token);
    expect(list.status).toBe(200);
    expect(list.body.events).toEqual([expect.objectContaining({ key: 'pub', title: 'Board meeting', start: '2026-03-02T10:00' })]);
    expect((await t.api('GET', `/api/calendars/${id}/trash`, ben.token)).status).toBe(403);
    expect((await t.api('GET', `/api/calendars/${id}/trash`, outsiderToken)).status).toBe(404);
    expect((await t.api('POST', `/api/calendars/${id}/trash/restore`, ben.token, { key: 'pub' })).status).toBe(403);
    expect((await t.api('POST', `/api/calendars/${id}/trash/restore`, ann.token, { key: 'nothing' })).status).toBe(404);
    expect((await t.api('POST', `/api/calendars/${id}/trash/restore`, ann.token, { key: '' })).status).toBe(400);
    expect((await t.api('POST', `/api/calendars/${id}/trash/restore`, ann.token, { nope: 1 })).status).toBe(400);

    expect((await t.api('POST', `/api/calendars/${id}/trash/restore`, ann.token, { key: 'pub' })).status).toBe(204);
    await waitFor(() => annFull.doc.getMap('when').has('pub') && full.doc.getMap('when').has('pub'), 2_000, 'restored everywhere');
    expect(groupMap(full.doc, 'who').get('pub')).toContain('x@example.com');
    expect(groupMap(full.doc, 'rem').get('pub')).toBe('[15]');
    expect((await t.api<{ events: DeletedEvent[] }>('GET', `/api/calendars/${id}/trash`, owner)).body.events).toEqual([]);
    expect(t.relay.store.audit.forCalendar(id).map((e) => e.action)).toContain('event.restore');

    // A deleted event expires after 30 days.
    full.doc.transact(() => deleteEventKey(full.doc, 'pub'));
    await waitFor(() => t.relay.store.trash.eventsOf(id).length === 1, 2_000, 'in the trash again');
    t.advance(TRASH_MS + 60_000);
    await t.restart();
    expect(t.relay.store.trash.eventsOf(id)).toEqual([]);
    owner = (await t.signIn('owner@example.com')).accessToken;
  });

  it('refuses to restore a damaged trash entry and leaves it as it is', async () => {
    const { id, full } = await newCalendar('Damaged');
    full.doc.transact(() => deleteEventKey(full.doc, 'pub'));
    await waitFor(() => t.relay.store.trash.eventsOf(id).length === 1, 2_000, 'event in the trash');
    t.relay.store.db.prepare("UPDATE event_trash SET groups = '{\"when\":\"not json\"}' WHERE calendar_id = ?").run(id);
    const bad = await t.api<{ error: { code: string } }>('POST', `/api/calendars/${id}/trash/restore`, owner, { key: 'pub' });
    expect(bad).toMatchObject({ status: 500, body: { error: { code: 'trash_damaged' } } });
    expect(full.doc.getMap('when').has('pub')).toBe(false);
    // A damaged entry lists with what can be read of it.
    expect((await t.api<{ events: DeletedEvent[] }>('GET', `/api/calendars/${id}/trash`, owner)).body.events).toEqual([expect.objectContaining({ key: 'pub', start: null })]);

    expect((await t.api('DELETE', `/api/calendars/${id}`, owner)).status).toBe(204);
    t.relay.store.db.prepare("UPDATE calendar_trash SET grants = '[{\"level\":\"god\"}]' WHERE calendar_id = ?").run(id);
    const r = await t.api<{ error: { code: string } }>('POST', `/api/trash/calendars/${id}/restore`, owner);
    expect(r).toMatchObject({ status: 500, body: { error: { code: 'trash_damaged' } } });
    expect(t.relay.store.sharing.calendar(id)).toBeNull();
    expect(t.relay.store.trash.calendar(id)).not.toBeNull();
  });

  it('the CLI archives, lists the trash and restores a deleted calendar', async () => {
    const lines: string[] = [];
    const id = (await t.api<{ id: string }>('POST', '/api/calendars', owner, { name: 'CLI cal' })).body.id;
    await runAdminCommand(t.relay.store, ['archive', '--calendar', id], (l) => lines.push(l));
    expect(t.relay.store.archive.isArchived(id)).toBe(true);
    await expect(runAdminCommand(t.relay.store, ['archive', '--calendar', id], () => {})).rejects.toMatchObject({ status: 409 });
    await runAdminCommand(t.relay.store, ['unarchive', '--calendar', id], (l) => lines.push(l));
    expect(t.relay.store.archive.isArchived(id)).toBe(false);
    expect((await t.api('DELETE', `/api/calendars/${id}`, owner)).status).toBe(204);
    await runAdminCommand(t.relay.store, ['trash'], (l) => lines.push(l));
    expect(lines.some((l) => l.startsWith(id))).toBe(true);
    await runAdminCommand(t.relay.store, ['restore-deleted', '--calendar', id], (l) => lines.push(l));
    expect(t.relay.store.sharing.calendar(id)?.name).toBe('CLI cal');
    await expect(runAdminCommand(t.relay.store, ['restore-deleted'], () => {})).rejects.toMatchObject({ status: 400 });
    await expect(runAdminCommand(t.relay.store, ['archive', '--calendar', 'missing'], () => {})).rejects.toMatchObject({ status: 404 });
    // Purged before its 30 days: documents and trash entry gone, audited, and only a live calendar is refused.
    await expect(runAdminCommand(t.relay.store, ['purge', '--calendar', id], () => {})).rejects.toMatchObject({ status: 404 });
    expect((await t.api('DELETE', `/api/calendars/${id}`, owner)).status).toBe(204);
    await runAdminCommand(t.relay.store, ['purge', '--calendar', id], (l) => lines.push(l));
    expect(t.relay.store.trash.calendar(id)).toBeNull();
    expect(t.relay.store.rooms.load(`cal/${id}/full`).lastId).toBe(0);
    expect(t.relay.store.audit.forCalendar(id, 10).some((e) => e.action === 'calendar.purge' && e.actorName === CLI_ACTOR.name)).toBe(true);
    expect((await t.api('POST', `/api/trash/calendars/${id}/restore`, owner)).status).toBe(404);
  });

  it('a deleted calendar’s ICS links answer 404 in the trash, come back on restore as they were, and go with the purge', async () => {
    const { id } = await newCalendar('Published');
    const publish = async (body: Record<string, unknown>): Promise<IcsLink> => {
      const r = await t.api('POST', `/api/calendars/${id}/ics-links`, owner, body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return icsLinkSchema.parse(r.body);
    };
    const feed = async (path: string, password?: string) => {
      const headers: Record<string, string> = password ? { Authorization: `Basic ${Buffer.from(`x:${password}`).toString('base64')}` } : {};
      const res = await fetch(t.relay.url + path, { headers });
      return { status: res.status, body: await res.text(), etag: res.headers.get('etag') };
    };
    const open = await publish({ level: 'reviewer' });
    const locked = await publish({ level: 'limited', password: 'correct horse', expiresAt: t.relay.sharing.now() + 10 * 24 * 3_600_000 });
    const revoked = await publish({ level: 'availability' });
    expect((await t.api('DELETE', `/api/calendars/${id}/ics-links/${revoked.id}`, owner)).status).toBe(200);
    const before = await feed(open.path!);
    expect(before.status).toBe(200);
    expect(before.body).toContain('Board meeting');
    expect((await feed(locked.path!, 'correct horse')).status).toBe(200);
    expect((await feed(revoked.path!)).status).toBe(410);
    const listedBefore = icsLinkListSchema.parse((await t.api('GET', `/api/calendars/${id}/ics-links`, owner)).body).links;

    expect((await t.api('DELETE', `/api/calendars/${id}`, owner)).status).toBe(204);
    // In the trash every link is an unknown token: the same answer as a made-up one, naming nothing.
    const unknown = await feed(`/ics/${'A'.repeat(43)}.ics`);
    for (const [path, password] of [[open.path!], [locked.path!, 'correct horse'], [revoked.path!]] as const) {
      const r = await feed(path, password);
      expect(r).toMatchObject({ status: 404, body: unknown.body });
      expect(r.body).not.toContain('Published');
    }

    expect((await t.api('POST', `/api/trash/calendars/${id}/restore`, owner)).status).toBe(200);
    const after = await feed(open.path!);
    expect(after).toMatchObject({ status: 200, body: before.body, etag: before.etag });
    expect((await feed(locked.path!)).status).toBe(401);
    expect((await feed(locked.path!, 'wrong')).status).toBe(401);
    expect((await feed(locked.path!, 'correct horse')).status).toBe(200);
    expect((await feed(revoked.path!)).status).toBe(410);
    // Same ids, levels, passwords, expiries and revocations; the access logs did not come back.
    const listedAfter = icsLinkListSchema.parse((await t.api('GET', `/api/calendars/${id}/ics-links`, owner)).body).links;
    const strip = (l: IcsLink) => ({ ...l, lastAccessAt: null, accessCount: 0 });
    expect(listedAfter.map(strip)).toEqual(listedBefore.map(strip));
    expect(t.relay.store.audit.forCalendar(id).find((e) => e.action === 'calendar.restore-deleted')?.detail).toMatchObject({ icsLinks: 3, icsLinksRevokedByPolicy: 0, droppedIcsLinks: 0 });
    // A change after the restore reaches the feed (the cache follows the room, not the old entry).
    const full = await openFull(id, owner);
    full.doc.transact(() => deleteEventKey(full.doc, 'pub'));
    await waitFor(() => t.relay.rooms.peek(`cal/${id}/full`)?.doc.getMap('when').has('pub') === false, 2_000, 'event removed');
    expect((await feed(open.path!)).body).not.toContain('Board meeting');

    // A policy tightened while the calendar was in the trash holds when it comes back.
    expect((await t.api('DELETE', `/api/calendars/${id}`, owner)).status).toBe(204);
    admin = (await t.signIn('admin@example.com')).accessToken;
    const tightened = await t.api('PUT', '/api/admin/policies', admin, { icsLinksMax: 'limited' });
    expect(tightened.status, JSON.stringify(tightened.body)).toBe(200);
    expect((await t.api('POST', `/api/trash/calendars/${id}/restore`, owner)).status).toBe(200);
    expect((await feed(open.path!)).status).toBe(410);
    expect((await feed(locked.path!, 'correct horse')).status).toBe(200);
    const capped = icsLinkListSchema.parse((await t.api('GET', `/api/calendars/${id}/ics-links`, owner)).body).links;
    expect(capped.find((l) => l.id === open.id)).toMatchObject({ status: 'revoked' });
    expect((await t.api('PUT', '/api/admin/policies', admin, { icsLinksMax: 'reviewer' })).status).toBe(200);

    // A damaged link copy refuses the restore like damaged grants do.
    expect((await t.api('DELETE', `/api/calendars/${id}`, owner)).status).toBe(204);
    const kept = t.relay.store.trash.calendar(id)!.ics_links;
    t.relay.store.db.prepare("UPDATE calendar_trash SET ics_links = '[{\"level\":\"god\"}]' WHERE calendar_id = ?").run(id);
    expect(await t.api('POST', `/api/trash/calendars/${id}/restore`, owner)).toMatchObject({ status: 500, body: { error: { code: 'trash_damaged' } } });
    expect((await feed(locked.path!, 'correct horse')).status).toBe(404);
    t.relay.store.db.prepare('UPDATE calendar_trash SET ics_links = ? WHERE calendar_id = ?').run(kept, id);

    // After the trash period the links are gone for good.
    t.advance(TRASH_MS + 60_000);
    expect(purgeTrash(t.relay.store, t.relay.sharing.now()).calendars).toBeGreaterThanOrEqual(1);
    expect(t.relay.store.trash.calendar(id)).toBeNull();
    for (const path of [open.path!, locked.path!, revoked.path!]) expect((await feed(path, 'correct horse')).status).toBe(404);
    expect(t.relay.store.icsLinks.rowsOf(id)).toEqual([]);
  });
});
