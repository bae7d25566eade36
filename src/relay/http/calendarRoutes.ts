import { createCalendarSchema, putDefaultSchema, putGrantSchema, updateCalendarSchema } from '../../shared/protocol/api';
import { notFound } from '../RelayError';
import { actorOf } from '../sharing/actorOf';
import { createCalendar } from '../sharing/createCalendar';
import { deleteCalendar } from '../sharing/deleteCalendar';
import { permissionsOf } from '../sharing/permissionsOf';
import { putGrant } from '../sharing/putGrant';
import { rebuildProjections } from '../sharing/rebuildProjections';
import { removeGrant } from '../sharing/removeGrant';
import { renameCalendar } from '../sharing/renameCalendar';
import { requireManager } from '../sharing/requireManager';
import { setCalendarDefault } from '../sharing/setCalendarDefault';
import type { ApiDeps } from './ApiDeps';
import { route, type Route } from './RequestContext';

/** Calendars the caller reaches, their own, and the sharing of those they manage. */
export function calendarRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  const id = (params: Record<string, string>) => params.id!;
  return [
    route('GET', '/api/calendars', (r) => ({ status: 200, body: { calendars: ctx.reader.accessList(r.caller().person) } })),
    route('POST', '/api/calendars', async (r) => {
      const body = await r.body(createCalendarSchema);
      const result = createCalendar(ctx, r.caller().person, body);
      return { status: result.created ? 201 : 200, body: result.access };
    }),
    route('GET', '/api/calendars/:id', (r) => {
      const access = ctx.reader.accessFor(r.caller().person, id(r.params));
      if (!access) throw notFound('Calendar');
      return { status: 200, body: access };
    }),
    route('PATCH', '/api/calendars/:id', async (r) => {
      const body = await r.body(updateCalendarSchema);
      const { person } = r.caller();
      if (body.name !== undefined) renameCalendar(ctx, actorOf(person), id(r.params), body.name);
      else requireManager(ctx, actorOf(person), id(r.params));
      const access = ctx.reader.accessFor(person, id(r.params));
      if (!access) throw notFound('Calendar');
      return { status: 200, body: access };
    }),
    route('DELETE', '/api/calendars/:id', (r) => {
      deleteCalendar(ctx, actorOf(r.caller().person), id(r.params));
      return { status: 204 };
    }),
    route('GET', '/api/calendars/:id/permissions', (r) => {
      const calendar = requireManager(ctx, actorOf(r.caller().person), id(r.params));
      return { status: 200, body: permissionsOf(ctx, calendar) };
    }),
    route('PUT', '/api/calendars/:id/grants', async (r) => {
      const body = await r.body(putGrantSchema);
      return { status: 200, body: putGrant(ctx, actorOf(r.caller().person), id(r.params), body) };
    }),
    route('DELETE', '/api/calendars/:id/grants/:kind/:subject', (r) => {
      const kind = r.params.kind;
      if (kind !== 'user' && kind !== 'group') throw notFound('Share');
      return { status: 200, body: removeGrant(ctx, actorOf(r.caller().person), id(r.params), { kind, id: r.params.subject! }) };
    }),
    route('PUT', '/api/calendars/:id/default', async (r) => {
      const body = await r.body(putDefaultSchema);
      return { status: 200, body: setCalendarDefault(ctx, actorOf(r.caller().person), id(r.params), body.level) };
    }),
    route('GET', '/api/calendars/:id/audit', (r) => {
      requireManager(ctx, actorOf(r.caller().person), id(r.params));
      return { status: 200, body: { entries: ctx.store.audit.forCalendar(id(r.params)) } };
    }),
    route('POST', '/api/calendars/:id/rebuild-projections', (r) => ({ status: 200, body: { epochs: rebuildProjections(ctx, actorOf(r.caller().person), id(r.params)) } })),
  ];
}
