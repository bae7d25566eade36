import { notFound } from '../RelayError';
import type { Store } from '../store/Store';
import { exportCalendar, exportOrgRow, exportOverlay, exportPerson, sealExport } from './buildExport';
import type { ExportFile } from './exportFileSchema';

/**
 * A whole organisation: people (with their scrypt hashes, so a restored relay
 * signs them in as before: the file is as sensitive as the data file and is
 * for administrators only), groups and memberships, calendars with grants and
 * documents, and every member's overlay.
 */
export function exportOrg(store: Store, orgId: string, now: number): ExportFile {
  const org = store.directory.org(orgId);
  if (!org) throw notFound('Organisation');
  const people = store.directory.peopleOfOrg(org.id);
  const memberships = store.directory.membershipsOfOrg(org.id);
  return sealExport({
    kind: 'org',
    exportedAt: now,
    accountId: null,
    org: exportOrgRow(org),
    people: people.map((p) => exportPerson(p, true)),
    groups: store.directory.groupsOfOrg(org.id).map((g) => ({ id: g.id, name: g.name, createdAt: g.created_at, members: memberships.filter((m) => m.group_id === g.id).map((m) => m.user_id) })),
    calendars: store.sharing.calendarsOfOrg(org.id).map((c) => exportCalendar(store, c)),
    overlays: people.flatMap((p) => {
      const o = exportOverlay(store, p.id);
      return o ? [o] : [];
    }),
  });
}
