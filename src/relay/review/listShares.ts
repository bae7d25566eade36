import type { AdminShare, ShareFilter } from '../../shared/protocol/policies';
import type { PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import { syncTimeKey } from '../store/SyncTimeStore';

/**
 * Every share of an organisation's calendars (direct and group grants), for the
 * admin review, filtered and newest first. `times` holds last-sync times keyed
 * by syncTimeKey; a group share shows the latest of its members'.
 */
export function listShares(store: Store, orgId: string, filter: ShareFilter, times: Map<string, number>): AdminShare[] {
  const calendars = new Map(store.sharing.calendarsOfOrg(orgId).map((c) => [c.id, c]));
  const people = new Map<string, PersonRow | null>();
  const personOf = (id: string): PersonRow | null => {
    if (!people.has(id)) people.set(id, store.directory.person(id));
    return people.get(id) ?? null;
  };
  const groups = new Map(store.directory.groupsOfOrg(orgId).map((g) => [g.id, g]));
  const members = new Map<string, string[]>();
  for (const m of store.directory.membershipsOfOrg(orgId)) members.set(m.group_id, [...(members.get(m.group_id) ?? []), m.user_id]);

  let who: PersonRow | null = null;
  if (filter.person !== undefined) {
    who = store.directory.personByEmail(filter.person.toLowerCase()) ?? store.directory.person(filter.person);
    // An unknown person matches nothing rather than everything.
    if (!who) return [];
  }

  const out: AdminShare[] = [];
  for (const g of store.sharing.grantsOfOrgCalendars(orgId)) {
    if (g.level === 'none' || g.level === 'owner') continue;
    const calendar = calendars.get(g.calendar_id);
    if (!calendar) continue;
    if (filter.calendar !== undefined && filter.calendar !== calendar.id) continue;
    if (filter.level !== undefined && filter.level !== g.level) continue;
    const owner = personOf(calendar.owner_id);
    let recipient: AdminShare['recipient'];
    let syncers: string[];
    if (g.subject_kind === 'user') {
      const p = personOf(g.subject_id);
      recipient = { kind: 'user', id: g.subject_id, name: p?.name ?? 'Removed person', email: p?.email ?? null, external: p !== null && p.org_id !== orgId };
      syncers = [g.subject_id];
    } else {
      recipient = { kind: 'group', id: g.subject_id, name: groups.get(g.subject_id)?.name ?? 'Removed group', email: null, external: false };
      syncers = members.get(g.subject_id) ?? [];
    }
    if (filter.external !== undefined && filter.external !== recipient.external) continue;
    if (who && calendar.owner_id !== who.id && !syncers.includes(who.id)) continue;
    let lastSyncedAt: number | null = null;
    for (const u of syncers) {
      const at = times.get(syncTimeKey(u, calendar.id));
      if (at !== undefined && (lastSyncedAt === null || at > lastSyncedAt)) lastSyncedAt = at;
    }
    out.push({
      calendarId: calendar.id,
      calendarName: calendar.name,
      ownerId: calendar.owner_id,
      ownerName: owner?.name ?? 'Removed person',
      ownerEmail: owner?.email ?? '',
      recipient,
      level: g.level,
      seesPrivate: g.sees_private,
      since: g.since,
      lastSyncedAt,
    });
  }
  return out.sort((a, b) => b.since - a.since || a.calendarName.localeCompare(b.calendarName));
}
