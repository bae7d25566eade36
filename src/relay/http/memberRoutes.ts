import type { OrphanedCalendar } from '../../shared/protocol/orgMembers';
import { transferCalendarSchema } from '../../shared/protocol/orgMembers';
import { removeMember } from '../accounts/removeMember';
import { transferCalendar } from '../accounts/transferCalendar';
import { notFound } from '../RelayError';
import { actorOf } from '../sharing/actorOf';
import { archiveCalendar } from '../sharing/archiveCalendar';
import type { ApiDeps } from './ApiDeps';
import { callerAdmin } from './callerAdmin';
import { route, type Route } from './RequestContext';

/** Removing members, and the calendars they leave behind (transfer or archive): admins of the organisation. */
export function memberRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  const orphanedOf = (orgId: string): OrphanedCalendar[] =>
    ctx.store.removedPeople
      .orphanedCalendars(orgId)
      .filter((c) => !ctx.store.archive.isArchived(c.id))
      .map((c) => {
        const owner = ctx.store.directory.person(c.owner_id);
        return { id: c.id, name: c.name, ownerId: c.owner_id, ownerName: owner?.name ?? 'Unknown', ownerEmail: owner?.email ?? '' };
      });
  return [
    route('DELETE', '/api/admin/people/:id', (r) => {
      const me = callerAdmin(r);
      return { status: 200, body: removeMember(ctx, actorOf(me), r.params.id!) };
    }),
    route('GET', '/api/admin/orphaned-calendars', (r) => ({ status: 200, body: { calendars: orphanedOf(callerAdmin(r).org_id), archiveAvailable: true } })),
    route('POST', '/api/admin/calendars/:id/transfer', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(transferCalendarSchema);
      const c = transferCalendar(ctx, actorOf(me), r.params.id!, body.newOwnerId);
      return { status: 200, body: { id: c.id, name: c.name, ownerId: c.owner_id } };
    }),
    route('POST', '/api/admin/orphaned-calendars/:id/archive', (r) => {
      const me = callerAdmin(r);
      if (!orphanedOf(me.org_id).some((c) => c.id === r.params.id)) throw notFound('Calendar of a removed member');
      const c = archiveCalendar(ctx, actorOf(me), r.params.id!);
      return { status: 200, body: { id: c.id, archived: true } };
    }),
  ];
}
