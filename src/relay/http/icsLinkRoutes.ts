import { createIcsLinkSchema, type IcsAccessEntry } from '../../shared/protocol/icsLinks';
import { notFound } from '../RelayError';
import { actorOf } from '../sharing/actorOf';
import { publishIcsLink } from '../sharing/publishIcsLink';
import { requireLinkManager } from '../sharing/requireLinkManager';
import { revokeIcsLink } from '../sharing/revokeIcsLink';
import { toIcsLink } from '../sharing/toIcsLink';
import type { ApiDeps } from './ApiDeps';
import { route, type Route } from './RequestContext';

/** A calendar's published ICS links: list, publish, revoke, and each one's access log. */
export function icsLinkRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  return [
    route('GET', '/api/calendars/:id/ics-links', (r) => {
      const { calendar, isOwner } = requireLinkManager(ctx, actorOf(r.caller().person), r.params.id!, 'manage');
      const now = ctx.now();
      return { status: 200, body: { links: ctx.store.icsLinks.forCalendar(calendar.id).map((l) => toIcsLink(l, now, isOwner)) } };
    }),
    route('POST', '/api/calendars/:id/ics-links', async (r) => {
      const body = await r.body(createIcsLinkSchema);
      return { status: 201, body: await publishIcsLink(ctx, actorOf(r.caller().person), r.params.id!, body) };
    }),
    route('DELETE', '/api/calendars/:id/ics-links/:link', (r) => ({ status: 200, body: revokeIcsLink(ctx, actorOf(r.caller().person), r.params.id!, r.params.link!) })),
    route('GET', '/api/calendars/:id/ics-links/:link/access', (r) => {
      const { calendar } = requireLinkManager(ctx, actorOf(r.caller().person), r.params.id!, 'manage');
      const link = ctx.store.icsLinks.byId(calendar.id, r.params.link!);
      if (!link) throw notFound('Link');
      const entries: IcsAccessEntry[] = ctx.store.icsLinks.accessLog(link.id).map((a) => ({ at: a.at, address: a.address, userAgent: a.user_agent, status: a.status }));
      return { status: 200, body: { entries } };
    }),
  ];
}
