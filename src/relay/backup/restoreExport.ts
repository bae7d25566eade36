import { conflict, forbidden } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { parseExportFile } from './parseExportFile';

/** Stored for people restored without a hash: matches no password (verifyPassword rejects its form). */
const NO_PASSWORD = '!restored-without-password';

export interface RestoreReport {
  kind: 'account' | 'org';
  orgCreated: boolean;
  peopleCreated: number;
  /** Restored without a password (account exports): an administrator must set one. */
  peopleWithoutPassword: string[];
  groupsCreated: number;
  calendarsRestored: string[];
  /** Already present (live or in the trash): left as they are. */
  calendarsSkipped: string[];
  grantsRestored: number;
  /** Their person or group does not exist here. */
  grantsDropped: number;
  overlaysRestored: number;
  overlaysSkipped: number;
}

/**
 * Restores an export file into this relay's store in one SQLite transaction:
 * all of it or, on any refusal, nothing. What exists already (people, groups,
 * calendars, overlays, by id) is kept as it is; what is missing is put back
 * with its ids, so it can fill a fresh data directory or bring back a purged
 * calendar. A person restores only an export of their own account; an admin
 * an export of their organisation or of one of its people; the CLI anything.
 */
export function restoreExport(ctx: SharingContext, actor: Actor, raw: unknown): RestoreReport {
  const file = parseExportFile(raw);
  const body = file.body;
  const own = body.kind === 'account' && body.accountId === actor.id;
  if (!own && !administers(actor, body.org.id)) throw forbidden(body.kind === 'account' ? 'This export belongs to another account' : 'Only an administrator of this organisation can restore its export');
  const now = ctx.now();
  const report: RestoreReport = {
    kind: body.kind,
    orgCreated: false,
    peopleCreated: 0,
    peopleWithoutPassword: [],
    groupsCreated: 0,
    calendarsRestored: [],
    calendarsSkipped: [],
    grantsRestored: 0,
    grantsDropped: 0,
    overlaysRestored: 0,
    overlaysSkipped: 0,
  };
  const { store } = ctx;
  store.transaction(() => {
    const org = store.directory.org(body.org.id);
    if (!org) {
      if (store.directory.orgByName(body.org.name)) throw conflict(`Another organisation is named ${body.org.name}`);
      store.backup.insertOrg({ id: body.org.id, name: body.org.name, default_level: body.org.defaultLevel, created_at: body.org.createdAt });
      report.orgCreated = true;
    }
    for (const p of body.people) {
      const existing = store.directory.person(p.id);
      if (existing) {
        if (existing.org_id !== body.org.id) throw conflict(`Person ${p.id} belongs to another organisation here`);
        continue;
      }
      if (store.directory.personByEmail(p.email)) throw conflict(`Another person uses ${p.email} here`);
      store.backup.insertPerson({ id: p.id, org_id: body.org.id, email: p.email.toLowerCase(), name: p.name, password_hash: p.passwordHash ?? NO_PASSWORD, is_admin: p.isAdmin, created_at: p.createdAt });
      report.peopleCreated++;
      if (!p.passwordHash) report.peopleWithoutPassword.push(p.email);
    }
    for (const g of body.groups) {
      const existing = store.directory.group(g.id);
      if (existing && existing.org_id !== body.org.id) throw conflict(`Group ${g.id} belongs to another organisation here`);
      if (!existing) {
        if (store.directory.groupByName(body.org.id, g.name)) throw conflict(`Another group is named ${g.name} here`);
        store.backup.insertGroup({ id: g.id, org_id: body.org.id, name: g.name, created_at: g.createdAt });
        report.groupsCreated++;
      }
      for (const m of g.members) store.directory.addMember(g.id, m);
    }
    for (const c of body.calendars) {
      if (store.sharing.calendar(c.id) || store.trash.calendar(c.id)) {
        report.calendarsSkipped.push(c.id);
        continue;
      }
      // A person may bring back only an id their own calendar had: a deleted id is never handed to anyone else.
      if (!administers(actor, body.org.id) && store.sharing.isDeletedCalendarId(c.id) && !store.audit.forCalendar(c.id, 1_000_000).some((e) => e.action === 'calendar.create' && e.actorId === c.ownerId)) {
        throw forbidden(`Calendar ${c.name} in this file was not created by this account here; an administrator can restore it`);
      }
      const owner = store.directory.person(c.ownerId);
      if (!owner || owner.org_id !== body.org.id) throw conflict(`The owner of calendar ${c.name} is not in this organisation here`);
      // Epochs move on, so a device that kept a projection from before drops it.
      store.sharing.insertCalendarRow({ id: c.id, org_id: body.org.id, owner_id: c.ownerId, name: c.name, default_level: c.defaultLevel, titles_epoch: c.titlesEpoch + 1, busy_epoch: c.busyEpoch + 1, created_at: c.createdAt, ...(c.team === true ? { team: true } : {}) });
      store.rooms.deletePrefix(`cal/${c.id}/`);
      store.rooms.append(`cal/${c.id}/full`, Buffer.from(c.documents.full, 'base64'));
      if (c.documents.private) store.rooms.append(`cal/${c.id}/private`, Buffer.from(c.documents.private, 'base64'));
      if (c.archived) store.archive.archive(c.id, actor.id, now);
      for (const g of c.grants) {
        const subject = g.subjectKind === 'user' ? store.directory.person(g.subjectId) : store.directory.group(g.subjectId);
        if (!subject || g.subjectId === c.ownerId) {
          report.grantsDropped++;
          continue;
        }
        store.sharing.putGrant({ calendar_id: c.id, subject_kind: g.subjectKind, subject_id: g.subjectId, level: g.level, sees_private: g.seesPrivate, since: g.since, granted_by: g.grantedBy });
        if (g.subjectKind === 'user') store.sharing.deleteStale(g.subjectId, c.id);
        report.grantsRestored++;
      }
      report.calendarsRestored.push(c.id);
    }
    for (const o of body.overlays) {
      const room = `user/${o.userId}`;
      // An overlay in use here is newer than the file: never appended to from outside the room host.
      if (store.rooms.load(room).lastId !== 0 || !store.directory.person(o.userId)) {
        report.overlaysSkipped++;
        continue;
      }
      store.rooms.append(room, Buffer.from(o.state, 'base64'));
      report.overlaysRestored++;
    }
    store.audit.record(
      {
        orgId: body.org.id,
        actorId: actor.id,
        actorName: actor.name,
        action: 'export.restore',
        calendarId: null,
        subject: body.kind === 'account' ? `user:${body.accountId ?? ''}` : `org:${body.org.id}`,
        detail: { exportedAt: body.exportedAt, calendars: report.calendarsRestored, skipped: report.calendarsSkipped, peopleCreated: report.peopleCreated, grantsRestored: report.grantsRestored, grantsDropped: report.grantsDropped },
      },
      now,
    );
  });
  const people = new Set(body.people.map((p) => p.id));
  for (const c of body.calendars) for (const g of c.grants) if (g.subjectKind === 'user') people.add(g.subjectId);
  for (const g of body.groups) for (const m of g.members) people.add(m);
  for (const id of report.calendarsRestored) {
    const row = store.sharing.calendar(id);
    if (row) for (const u of ctx.reader.reachers(row)) people.add(u);
  }
  ctx.effects.accessChanged([...people].filter((id) => store.directory.person(id)), { byId: actor.id, byName: actor.name });
  return report;
}
