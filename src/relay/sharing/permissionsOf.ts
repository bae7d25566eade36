import type { Grant, Permissions } from '../../shared/protocol/api';
import type { CalendarRow } from '../store/rowSchemas';
import type { SharingContext } from './SharingContext';

/** The permissions view of a calendar: its grants with names, defaults, and everyone's effective level. */
export function permissionsOf(ctx: SharingContext, calendar: CalendarRow): Permissions {
  const org = ctx.store.directory.org(calendar.org_id);
  const grants: Grant[] = ctx.store.sharing.grants(calendar.id).map((g) => {
    if (g.subject_kind === 'user') {
      const p = ctx.store.directory.person(g.subject_id);
      return {
        subject: { kind: 'user', id: g.subject_id, name: p?.name ?? 'Unknown person', email: p?.email ?? '' },
        level: g.level,
        seesPrivate: g.sees_private,
        since: g.since,
        grantedBy: g.granted_by,
      };
    }
    const group = ctx.store.directory.group(g.subject_id);
    return { subject: { kind: 'group', id: g.subject_id, name: group?.name ?? 'Unknown group' }, level: g.level, seesPrivate: g.sees_private, since: g.since, grantedBy: g.granted_by };
  });
  return {
    calendarId: calendar.id,
    calendarName: calendar.name,
    ownerId: calendar.owner_id,
    defaultLevel: calendar.default_level,
    orgDefaultLevel: org?.default_level ?? 'none',
    grants,
    effective: ctx.reader.effective(calendar),
  };
}
