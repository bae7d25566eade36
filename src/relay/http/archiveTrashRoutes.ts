import type { DeletedCalendar } from '../../shared/protocol/trash';
import { restoreEventSchema } from '../../shared/protocol/trash';
import { notFound, RelayError } from '../RelayError';
import { actorOf } from '../sharing/actorOf';
import { archiveCalendar, restoreCalendar } from '../sharing/archiveCalendar';
import { administers } from '../sharing/requireManager';
import type { CalendarTrashRow } from '../store/TrashStore';
import { restoreDeletedCalendar } from '../trash/restoreDeletedCalendar';
import { TRASH_MS } from '../trash/trashPeriod';
import type { ApiDeps } from './ApiDeps';
import { route, type Route } from './RequestContext';

/** Archive and restore a calendar; the calendar trash; each calendar's event trash. */
export function archiveTrashRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  const eventTrash = () => {
    if (!deps.eventTrash) throw new RelayError(503, 'unavailable', 'The event trash is not available on this relay');
    return deps.eventTrash;
  };
  const toDeleted = (row: CalendarTrashRow): DeletedCalendar => ({ id: row.calendar_id, name: row.name, ownerId: row.owner_id, deletedAt: row.deleted_at, deletedBy: row.deleted_by, purgeAt: row.deleted_at + TRASH_MS });
  return [
    route('POST', '/api/calendars/:id/archive', (r) => {
      const actor = actorOf(r.caller().person);
      archiveCalendar(ctx, actor, r.params.id!);
      return { status: 200, body: ctx.reader.accessFor(r.caller().person, r.params.id!) };
    }),
    route('POST', '/api/calendars/:id/unarchive', (r) => {
      const actor = actorOf(r.caller().person);
      restoreCalendar(ctx, actor, r.params.id!);
      return { status: 200, body: ctx.reader.accessFor(r.caller().person, r.params.id!) };
    }),
    route('GET', '/api/trash/calendars', (r) => {
      const actor = actorOf(r.caller().person);
      const rows = actor.isAdmin && actor.orgId && administers(actor, actor.orgId) ? ctx.store.trash.calendarsOfOrg(actor.orgId) : ctx.store.trash.calendarsOfOwner(actor.id);
      return { status: 200, body: { calendars: rows.map(toDeleted) } };
    }),
    route('POST', '/api/trash/calendars/:id/restore', (r) => {
      const access = restoreDeletedCalendar(ctx, actorOf(r.caller().person), r.params.id!);
      if (!access) throw notFound('Calendar');
      return { status: 200, body: access };
    }),
    route('GET', '/api/calendars/:id/trash', (r) => ({ status: 200, body: { events: eventTrash().list(actorOf(r.caller().person), r.params.id!) } })),
    route('POST', '/api/calendars/:id/trash/restore', async (r) => {
      const body = await r.body(restoreEventSchema);
      eventTrash().restore(actorOf(r.caller().person), r.params.id!, body.key);
      return { status: 204 };
    }),
  ];
}
