import { notFound } from '../RelayError';
import type { Store } from '../store/Store';
import { z } from 'zod';
import { PolicyStore } from '../store/PolicyStore';
import { parseRow } from '../store/rowSchemas';
import { exportCalendar, exportIcsLinks, exportOrgRow, exportOverlay, exportPerson, exportProfile, exportTeams, sealExport } from './buildExport';
import type { ExportFile } from './exportFileSchema';

const removedRowSchema = z.object({ removed_at: z.number().int(), removed_by: z.string() });

/**
 * A whole organisation: people (with their scrypt hashes, so a restored relay
 * signs them in as before: the file is as sensitive as the data file and is
 * for administrators only), groups and memberships, calendars with grants and
 * documents, and every member's overlay; and what the organisation features
 * keep beside them: policies and the app-password switch, profiles, shared
 * addresses (members, aliases), team settings with pending submissions,
 * removed-people marks, published ICS links (tokens, not access logs) and app
 * passwords (hashes only). Sessions, invitations, meeting items, sync times,
 * trash and the audit log stay behind.
 */
export function exportOrg(store: Store, orgId: string, now: number): ExportFile {
  const org = store.directory.org(orgId);
  if (!org) throw notFound('Organisation');
  const people = store.directory.peopleOfOrg(org.id);
  const memberships = store.directory.membershipsOfOrg(org.id);
  const calendars = store.sharing.calendarsOfOrg(org.id).map((c) => exportCalendar(store, c));
  const removed = store.removedPeople.idsOfOrg(org.id);
  const policyRow = store.db.prepare('SELECT 1 FROM org_policies WHERE org_id = ?').get(org.id);
  return sealExport({
    kind: 'org',
    exportedAt: now,
    accountId: null,
    org: exportOrgRow(org),
    people: people.map((p) => exportPerson(p, true)),
    groups: store.directory.groupsOfOrg(org.id).map((g) => ({ id: g.id, name: g.name, createdAt: g.created_at, members: memberships.filter((m) => m.group_id === g.id).map((m) => m.user_id) })),
    calendars,
    overlays: people.flatMap((p) => {
      const o = exportOverlay(store, p.id);
      return o ? [o] : [];
    }),
    policy: policyRow === undefined ? null : new PolicyStore(store.db).get(org.id),
    appPasswordsAllowed: store.appPasswords.allowed(org.id),
    profiles: people.flatMap((p) => exportProfile(store, p.id)),
    sharedAddresses: store.sharedAddresses.ofOrg(org.id).map((a) => ({
      personId: a.person_id,
      calendarId: a.calendar_id,
      createdAt: a.created_at,
      members: store.sharedAddresses.members(a.person_id),
      aliases: store.sharedAddresses.aliases(a.person_id),
    })),
    teams: exportTeams(store, calendars, true),
    removedPeople: people.flatMap((p) => {
      if (!removed.has(p.id)) return [];
      const row = parseRow(removedRowSchema, store.db.prepare('SELECT removed_at, removed_by FROM removed_people WHERE user_id = ?').get(p.id), 'removed_people');
      return [{ userId: p.id, removedAt: row.removed_at, removedBy: row.removed_by }];
    }),
    icsLinks: exportIcsLinks(store, calendars),
    appPasswords: people.flatMap((p) =>
      store.appPasswords.ofUser(p.id).map((a) => ({ id: a.id, userId: a.user_id, name: a.name, hash: a.hash, createdAt: a.created_at, lastUsedAt: a.last_used_at, revokedAt: a.revoked_at })),
    ),
  });
}
