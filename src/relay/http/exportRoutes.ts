import { exportAccount } from '../backup/exportAccount';
import { exportOrg } from '../backup/exportOrg';
import { restoreExport } from '../backup/restoreExport';
import { actorOf } from '../sharing/actorOf';
import type { ApiDeps } from './ApiDeps';
import { callerAdmin } from './callerAdmin';
import { readJsonBody } from './readJsonBody';
import { RelayError } from '../RelayError';
import { route, type RequestContext, type Route } from './RequestContext';

/** An export file holds whole documents: far above the API's usual body limit. */
export const MAX_RESTORE_BYTES = 256 * 1024 * 1024;

/**
 * GET /api/export/account (the caller's own account), GET /api/admin/export (the
 * admin's organisation), POST /api/restore (an export file; see restoreExport
 * for who may restore what). Each is audited.
 */
/**
 * An export holds everything the account or organisation has (the overlay and
 * every document), so a token from an app password, which exists for feed
 * readers and read-only clients, may not take one even though it is a GET.
 */
function fullSession(r: RequestContext): ReturnType<RequestContext['caller']> {
  const caller = r.caller();
  if (caller.readOnly) throw new RelayError(403, 'read_only_token', 'Exports need a full sign-in, not a token from an app password');
  return caller;
}

export function exportRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  return [
    route('GET', '/api/export/account', (r) => {
      const { person } = fullSession(r);
      const file = exportAccount(ctx.store, person.id, ctx.now());
      ctx.store.audit.record({ orgId: person.org_id, actorId: person.id, actorName: person.name, action: 'export.account', calendarId: null, subject: `user:${person.id}`, detail: { calendars: file.body.calendars.length } }, ctx.now());
      return { status: 200, body: file };
    }),
    route('GET', '/api/admin/export', (r) => {
      fullSession(r);
      const person = callerAdmin(r);
      const file = exportOrg(ctx.store, person.org_id, ctx.now());
      ctx.store.audit.record({ orgId: person.org_id, actorId: person.id, actorName: person.name, action: 'export.org', calendarId: null, subject: `org:${person.org_id}`, detail: { calendars: file.body.calendars.length, people: file.body.people.length } }, ctx.now());
      return { status: 200, body: file };
    }),
    route('POST', '/api/restore', async (r) => {
      const actor = actorOf(r.caller().person);
      const raw = await readJsonBody(r.req, MAX_RESTORE_BYTES);
      return { status: 200, body: restoreExport(ctx, actor, raw) };
    }),
  ];
}
