import { notFound } from '../RelayError';
import type { Store } from '../store/Store';
import { exportCalendar, exportOrgRow, exportOverlay, exportPerson, sealExport } from './buildExport';
import type { ExportFile } from './exportFileSchema';

/**
 * One person's account: their own calendars (documents, archived flag, the
 * shares they gave) and their overlay. No password hash and nobody else's
 * record: restoring it needs the person to exist (or be created) in the relay.
 */
export function exportAccount(store: Store, userId: string, now: number): ExportFile {
  const person = store.directory.person(userId);
  const org = person ? store.directory.org(person.org_id) : null;
  if (!person || !org) throw notFound('Person');
  const overlay = exportOverlay(store, person.id);
  return sealExport({
    kind: 'account',
    exportedAt: now,
    accountId: person.id,
    org: exportOrgRow(org),
    people: [exportPerson(person, false)],
    groups: [],
    calendars: store.sharing.calendarsOfOrg(org.id).filter((c) => c.owner_id === person.id).map((c) => exportCalendar(store, c)),
    overlays: overlay ? [overlay] : [],
  });
}
