import type { Directory } from '../../shared/protocol/api';
import type { Store } from '../store/Store';

/** The people and groups of an organisation, and its default level. */
export function directoryOf(store: Store, orgId: string): Directory {
  const org = store.directory.org(orgId);
  const memberships = store.directory.membershipsOfOrg(orgId);
  // Published to the organisation so find a time respects everyone's hours (issue 4).
  const profiles = store.profiles.ofOrg(orgId);
  // Removed members leave the directory; shared addresses are listed as such, with their aliases (issue 6).
  const removed = store.removedPeople.idsOfOrg(orgId);
  const shared = new Set(store.sharedAddresses.ofOrg(orgId).map((a) => a.person_id));
  const groupsOf = new Map<string, string[]>();
  const membersOf = new Map<string, string[]>();
  for (const m of memberships) {
    (groupsOf.get(m.user_id) ?? groupsOf.set(m.user_id, []).get(m.user_id)!).push(m.group_id);
    (membersOf.get(m.group_id) ?? membersOf.set(m.group_id, []).get(m.group_id)!).push(m.user_id);
  }
  return {
    people: store.directory
      .peopleOfOrg(orgId)
      .filter((p) => !removed.has(p.id))
      .map((p) => {
        const profile = profiles.get(p.id);
        return {
          id: p.id,
          email: p.email,
          name: p.name,
          orgId: p.org_id,
          groups: groupsOf.get(p.id) ?? [],
          ...(profile ? { zone: profile.zone, workingHours: profile.workingHours } : {}),
          ...(shared.has(p.id) ? { kind: 'shared address' as const, aliases: store.sharedAddresses.aliases(p.id) } : {}),
        };
      }),
    groups: store.directory.groupsOfOrg(orgId).map((g) => ({ id: g.id, name: g.name, members: membersOf.get(g.id) ?? [] })),
    orgDefaultLevel: org?.default_level ?? 'none',
  };
}
