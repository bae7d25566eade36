import { subjectSchema } from '../../shared/protocol/api';
import { putOrgPolicySchema, shareFilterSchema } from '../../shared/protocol/policies';
import { badRequest } from '../RelayError';
import { setOrgPolicy } from '../policies/setOrgPolicy';
import { listShares } from '../review/listShares';
import { revokeShare } from '../review/revokeShare';
import { actorOf } from '../sharing/actorOf';
import { PolicyStore } from '../store/PolicyStore';
import { SyncTimeStore } from '../store/SyncTimeStore';
import type { ApiDeps } from './ApiDeps';
import { callerAdmin } from './callerAdmin';
import { route, type Route } from './RequestContext';

/** Policies and the review of every share: for the caller's organisation's admins (docs/relay.md). */
export function adminReviewRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  return [
    route('GET', '/api/admin/policies', (r) => ({ status: 200, body: new PolicyStore(ctx.store.db).get(callerAdmin(r).org_id) })),
    route('PUT', '/api/admin/policies', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(putOrgPolicySchema);
      return { status: 200, body: setOrgPolicy(ctx, actorOf(me), me.org_id, body) };
    }),
    route('GET', '/api/admin/shares', (r) => {
      const me = callerAdmin(r);
      const filter = parseFilter(new URL(r.req.url ?? '/', 'http://relay').searchParams);
      const times = deps.syncTimes ? deps.syncTimes.ofOrg(me.org_id) : new SyncTimeStore(ctx.store.db).ofOrg(me.org_id);
      return { status: 200, body: { shares: listShares(ctx.store, me.org_id, filter, times) } };
    }),
    route('DELETE', '/api/admin/shares/:calendarId/:kind/:subjectId', (r) => {
      const me = callerAdmin(r);
      const subject = subjectSchema.safeParse({ kind: r.params.kind, id: r.params.subjectId });
      if (!subject.success) throw badRequest('kind: user or group');
      return { status: 200, body: revokeShare(ctx, actorOf(me), r.params.calendarId!, subject.data) };
    }),
  ];
}

function parseFilter(params: URLSearchParams) {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of params) {
    if (v === '') continue;
    raw[k] = k === 'external' ? (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v) : v;
  }
  const parsed = shareFilterSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return parsed.data;
}
