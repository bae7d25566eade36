import { notFound } from '../RelayError';
import type { Store } from '../store/Store';
import { exportCalendar, exportIcsLinks, exportOrgRow, exportOverlay, exportPerson, exportProfile, exportTeams, sealExport } from './buildExport';
import type { ExportFile } from './exportFileSchema';

/**
 * One person's account: their own calendars (documents, archive state, the
 * shares they gave, published ICS links, team settings) and their overlay and
 * scheduling profile. No password hash, no app passwords and nobody else's
 * record: restoring it needs the person to exist (or be created) in the relay.
 */
export function exportAccount(store: Store, userId: string, now: number): ExportFile {
  const person = store.directory.person(userId);
  const org = person ? store.directory.org(person.org_id) : null;
  if (!person || !org) throw notFound('Person');
  const overlay = exportOverlay(store, person.id);
  const calendars = store.sharing.calendarsOfOrg(org.id).filter((c) => c.owner_id === person.id).map((c) => exportCalendar(store, c));
  return sealExport({
    kind: 'account',
    exportedAt: now,
    accountId: person.id,
    org: exportOrgRow(org),
    people: [exportPerson(person, false)],
    groups: [],
    calendars,
    overlays: overlay ? [overlay] : [],
    policy: null,
    appPasswordsAllowed: true,
    profiles: exportProfile(store, person.id),
    sharedAddresses: [],
    // Submissions name other people, who are not in an account file.
    teams: exportTeams(store, calendars, false),
    removedPeople: [],
    icsLinks: exportIcsLinks(store, calendars),
    appPasswords: [],
  });
}
