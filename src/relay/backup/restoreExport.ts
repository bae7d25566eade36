import { compareLevels } from '../../shared/permissions/compareLevels';
import { conflict, forbidden } from '../RelayError';
import { PolicyStore } from '../store/PolicyStore';
import type { Store } from '../store/Store';
import { emptyRestoreReport, type RestoreReport } from '../../shared/protocol/trash';
import type { ExportBody } from './exportFileSchema';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { parseExportFile } from './parseExportFile';

/** Stored for people restored without a hash: matches no password (verifyPassword rejects its form). */
const NO_PASSWORD = '!restored-without-password';

export type { RestoreReport };

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
  const report = emptyRestoreReport(body.kind);
  const createdPeople = new Set<string>();
  const { store } = ctx;
  store.transaction(() => {
    const org = store.directory.org(body.org.id);
    if (!org) {
      if (store.directory.orgByName(body.org.name)) throw conflict(`Another organisation is named ${body.org.name}`);
      store.backup.insertOrg({ id: body.org.id, name: body.org.name, default_level: body.org.defaultLevel, created_at: body.org.createdAt });
      report.orgCreated = true;
      // An organisation that exists here keeps its own policies.
      if (body.policy) {
        new PolicyStore(store.db).put(body.org.id, body.policy, actor.id, now);
        report.settingsRestored.policy = true;
      }
      if (!body.appPasswordsAllowed) store.appPasswords.setAllowed(body.org.id, false);
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
      createdPeople.add(p.id);
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
      if (c.archived) store.archive.archive(c.id, c.archivedBy ?? actor.id, c.archivedAt ?? now);
      // The organisation's policy as it stands here (the file's, when the organisation was created above).
      const policy = new PolicyStore(store.db).get(body.org.id);
      for (const g of c.grants) {
        const subject = g.subjectKind === 'user' ? store.directory.person(g.subjectId) : store.directory.group(g.subjectId);
        if (!subject || g.subjectId === c.ownerId) {
          report.grantsDropped++;
          continue;
        }
        let level = g.level;
        const external = g.subjectKind === 'user' && subject.org_id !== body.org.id;
        if (external && compareLevels(level, policy.externalSharingMax) > 0) {
          if (policy.externalSharingMax === 'none') {
            report.policyCutBack.grantsLeftOut++;
            continue;
          }
          level = policy.externalSharingMax;
          report.policyCutBack.grantsLowered++;
        }
        store.sharing.putGrant({ calendar_id: c.id, subject_kind: g.subjectKind, subject_id: g.subjectId, level, sees_private: g.seesPrivate, since: g.since, granted_by: g.grantedBy });
        if (g.subjectKind === 'user') store.sharing.deleteStale(g.subjectId, c.id);
        report.grantsRestored++;
      }
      report.calendarsRestored.push(c.id);
    }
    restoreSettings(store, body, createdPeople, new Set(report.calendarsRestored), report.settingsRestored, now, report.policyCutBack);
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
        detail: { exportedAt: body.exportedAt, calendars: report.calendarsRestored, skipped: report.calendarsSkipped, peopleCreated: report.peopleCreated, grantsRestored: report.grantsRestored, grantsDropped: report.grantsDropped, policyCutBack: report.policyCutBack },
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

/**
 * The version 2 sections, by the same rule as the rest: a person's profile,
 * removal mark, app passwords and shared address come back only with a person
 * created here, a calendar's team settings and ICS links only with a calendar
 * restored here; what exists keeps its own. A clash (an alias or link token in
 * use here) is a conflict and the whole restore is rolled back.
 */
function restoreSettings(store: Store, body: ExportBody, people: Set<string>, calendars: Set<string>, out: RestoreReport['settingsRestored'], now: number, cut: RestoreReport['policyCutBack']): void {
  const linksMax = new PolicyStore(store.db).get(body.org.id).icsLinksMax;
  for (const p of body.profiles) {
    if (!people.has(p.userId)) continue;
    store.profiles.put(p.userId, { zone: p.zone, workingHours: p.workingHours }, body.exportedAt);
    out.profiles++;
  }
  for (const r of body.removedPeople) if (people.has(r.userId) && store.removedPeople.mark(r.userId, r.removedBy, r.removedAt)) out.removedPeople++;
  for (const a of body.sharedAddresses) {
    if (!people.has(a.personId) || !calendars.has(a.calendarId)) continue;
    store.sharedAddresses.insert({ person_id: a.personId, org_id: body.org.id, calendar_id: a.calendarId, created_at: a.createdAt });
    out.sharedAddresses++;
    for (const m of a.members) if (store.directory.person(m)?.org_id === body.org.id) store.sharedAddresses.addMember(a.personId, m);
    for (const raw of a.aliases) {
      const alias = raw.toLowerCase();
      if (store.sharedAddresses.byAlias(alias) || store.directory.personByEmail(alias)) throw conflict(`The alias ${alias} is in use here`);
      store.sharedAddresses.addAlias(a.personId, alias);
      out.aliases++;
    }
  }
  for (const t of body.teams) {
    if (!calendars.has(t.calendarId) || store.teams.team(t.calendarId)) continue;
    store.teams.insertTeam({ calendar_id: t.calendarId, scope_kind: t.scopeKind, level: t.level, accepts_submissions: t.acceptsSubmissions, created_by: t.createdBy, created_at: t.createdAt });
    out.teams++;
    for (const s of t.pending) {
      if (!store.directory.person(s.submitterId) || store.teams.submission(s.id)) continue;
      store.teams.insertSubmission({ id: s.id, calendar_id: t.calendarId, submitter_id: s.submitterId, item: JSON.stringify(s.item), status: 'pending', reason: '', at: s.at, decided_at: null, decided_by_name: '', event_key: null });
      out.submissions++;
    }
  }
  for (const l of body.icsLinks) {
    if (!calendars.has(l.calendarId)) continue;
    if (store.icsLinks.byTokenHash(l.tokenHash)) throw conflict(`An ICS link of calendar ${l.calendarId} in this file is in use here`);
    store.icsLinks.insert({ id: l.id, calendar_id: l.calendarId, token_hash: l.tokenHash, token: l.token, level: l.level, password_hash: l.passwordHash, expires_at: l.expiresAt, created_at: l.createdAt, created_by: l.createdBy, created_by_name: l.createdByName });
    if (l.revokedAt !== null) store.icsLinks.revoke(l.id, l.revokedAt);
    else if (compareLevels(l.level, linksMax) > 0) {
      // Kept (its log and its place in the list) but answering no more, as a tightened policy leaves it.
      store.icsLinks.revoke(l.id, now);
      cut.linksRevoked++;
    }
    out.icsLinks++;
  }
  for (const a of body.appPasswords) {
    if (!people.has(a.userId) || store.appPasswords.get(a.id)) continue;
    store.appPasswords.insert({ id: a.id, user_id: a.userId, name: a.name, hash: a.hash, created_at: a.createdAt });
    if (a.lastUsedAt !== null) store.appPasswords.touch(a.id, a.lastUsedAt);
    if (a.revokedAt !== null) store.appPasswords.revoke(a.id, a.revokedAt);
    out.appPasswords++;
  }
}
