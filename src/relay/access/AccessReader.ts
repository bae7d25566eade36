import { calendarAccessSchema, type CalendarAccess, type EffectiveEntry } from '../../shared/protocol/api';
import type { CalendarRow, GrantRow, PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import { computeReach, type Reach } from './computeReach';

/**
 * Reads who reaches what from the store: one person's calendars (their inbox's
 * `access` map and GET /api/calendars), one person and one calendar (opening a
 * room), everyone who reaches one calendar (the permissions view).
 */
export class AccessReader {
  constructor(private readonly store: Store) {}

  reach(person: PersonRow, calendar: CalendarRow, grants?: readonly GrantRow[]): Reach {
    const org = this.store.directory.org(calendar.org_id);
    return computeReach({
      personId: person.id,
      personOrgId: person.org_id,
      groupIds: new Set(this.store.directory.groupIdsOf(person.id)),
      calendar,
      grants: grants ?? this.store.sharing.grants(calendar.id),
      orgDefault: org?.default_level ?? 'none',
    });
  }

  /** The person's access to one calendar: null when they reach nothing and hold no stale copy. */
  accessFor(person: PersonRow, calendarId: string): CalendarAccess | null {
    const calendar = this.store.sharing.calendar(calendarId);
    if (calendar) {
      const reach = this.reach(person, calendar);
      if (reach.level !== 'none') return this.toAccess(calendar, reach);
    }
    return this.staleOf(person.id).get(calendarId) ?? null;
  }

  /** Every calendar the person reaches (own included), then their stale copies; sorted by name. */
  accessList(person: PersonRow): CalendarAccess[] {
    const org = this.store.directory.org(person.org_id);
    const groupIds = new Set(this.store.directory.groupIdsOf(person.id));
    const out = new Map<string, CalendarAccess>();
    const consider = (calendars: CalendarRow[], grants: GrantRow[], orgDefaultOf: (c: CalendarRow) => CalendarRow['default_level']) => {
      const byCalendar = new Map<string, GrantRow[]>();
      for (const g of grants) {
        const list = byCalendar.get(g.calendar_id);
        if (list) list.push(g);
        else byCalendar.set(g.calendar_id, [g]);
      }
      for (const c of calendars) {
        const reach = computeReach({
          personId: person.id,
          personOrgId: person.org_id,
          groupIds,
          calendar: c,
          grants: byCalendar.get(c.id) ?? [],
          orgDefault: orgDefaultOf(c) ?? 'none',
        });
        if (reach.level !== 'none') out.set(c.id, this.toAccess(c, reach));
      }
    };
    consider(this.store.sharing.calendarsOfOrg(person.org_id), this.store.sharing.grantsOfOrgCalendars(person.org_id), () => org?.default_level ?? 'none');
    const outside = this.store.sharing.calendarsGrantedOutside(person.id, person.org_id);
    // Outsiders reach only by a direct grant, so the defaults do not matter here.
    consider(outside, outside.flatMap((c) => this.store.sharing.grants(c.id)), () => 'none');
    for (const [id, stale] of this.staleOf(person.id)) if (!out.has(id)) out.set(id, stale);
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** Everyone who reaches the calendar, with level and source: owner, organisation, outsiders with a grant. */
  effective(calendar: CalendarRow): EffectiveEntry[] {
    const org = this.store.directory.org(calendar.org_id);
    const grants = this.store.sharing.grants(calendar.id);
    const memberships = this.store.directory.membershipsOfOrg(calendar.org_id);
    const groupsOf = new Map<string, Set<string>>();
    for (const m of memberships) {
      const set = groupsOf.get(m.user_id);
      if (set) set.add(m.group_id);
      else groupsOf.set(m.user_id, new Set([m.group_id]));
    }
    // Removed members (issue 6) reach nothing worth listing: their sessions are over.
    const removed = this.store.removedPeople.idsOfOrg(calendar.org_id);
    const people = this.store.directory.peopleOfOrg(calendar.org_id).filter((p) => !removed.has(p.id) || p.id === calendar.owner_id);
    const seen = new Set(people.map((p) => p.id));
    for (const g of grants) {
      if (g.subject_kind !== 'user' || seen.has(g.subject_id)) continue;
      const outsider = this.store.directory.person(g.subject_id);
      if (outsider) {
        people.push(outsider);
        seen.add(outsider.id);
      }
    }
    const out: EffectiveEntry[] = [];
    for (const p of people) {
      const reach = computeReach({
        personId: p.id,
        personOrgId: p.org_id,
        groupIds: groupsOf.get(p.id) ?? new Set(),
        calendar,
        grants,
        orgDefault: org?.default_level ?? 'none',
      });
      if (reach.level !== 'none') out.push({ userId: p.id, name: p.name, email: p.email, level: reach.level, via: reach.via });
    }
    return out;
  }

  /** Everyone who reaches the calendar now (for fanning a change out). */
  reachers(calendar: CalendarRow): string[] {
    return this.effective(calendar).map((e) => e.userId);
  }

  toAccess(calendar: CalendarRow, reach: Reach): CalendarAccess {
    const owner = this.store.directory.person(calendar.owner_id);
    return {
      id: calendar.id,
      name: calendar.name,
      ownerId: calendar.owner_id,
      // A team calendar is the organisation's: its creator is not named as its owner.
      ownerName: calendar.team === true ? 'Team' : (owner?.name ?? 'Unknown'),
      level: reach.level,
      via: reach.via,
      seesPrivate: reach.level === 'owner' || (reach.level === 'delegate' && reach.seesPrivate),
      epochs: { titles: calendar.titles_epoch, busy: calendar.busy_epoch },
      stale: false,
      ...(this.store.archive.isArchived(calendar.id) ? { archived: true } : {}),
      ...(calendar.team === true ? { team: true } : {}),
    };
  }

  private staleOf(userId: string): Map<string, CalendarAccess> {
    const out = new Map<string, CalendarAccess>();
    for (const row of this.store.sharing.staleOf(userId)) {
      try {
        const parsed = calendarAccessSchema.safeParse(JSON.parse(row.access));
        if (parsed.success) out.set(row.calendarId, { ...parsed.data, stale: true });
      } catch {
        // A damaged stale row only loses the "stale" marker; nothing to grant.
      }
    }
    return out;
  }
}
