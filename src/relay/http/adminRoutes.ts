import { createGroupSchema, createPersonSchema, membershipSchema, orgSettingsSchema } from '../../shared/protocol/api';
import { notFound } from '../RelayError';
import { actorOf } from '../sharing/actorOf';
import { addGroup } from '../sharing/addGroup';
import { addPerson } from '../sharing/addPerson';
import { changeMembership } from '../sharing/changeMembership';
import { directoryOf } from '../sharing/directoryOf';
import { setOrgDefault } from '../sharing/setOrgDefault';
import type { ApiDeps } from './ApiDeps';
import { callerAdmin } from './callerAdmin';
import { route, type Route } from './RequestContext';

/** People, groups, memberships and the organisation default: for the caller's organisation's admins. */
export function adminRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  const groupOfOrg = (orgId: string, groupId: string) => {
    const g = ctx.store.directory.group(groupId);
    if (!g || g.org_id !== orgId) throw notFound('Group');
    return g;
  };
  return [
    route('GET', '/api/admin/people', (r) => ({ status: 200, body: { people: directoryOf(ctx.store, callerAdmin(r).org_id).people } })),
    route('POST', '/api/admin/people', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(createPersonSchema);
      return { status: 201, body: await addPerson(ctx, actorOf(me), me.org_id, body) };
    }),
    route('GET', '/api/admin/groups', (r) => ({ status: 200, body: { groups: directoryOf(ctx.store, callerAdmin(r).org_id).groups } })),
    route('POST', '/api/admin/groups', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(createGroupSchema);
      return { status: 201, body: addGroup(ctx, actorOf(me), me.org_id, body.name) };
    }),
    route('PUT', '/api/admin/groups/:id/members', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(membershipSchema);
      groupOfOrg(me.org_id, r.params.id!);
      return { status: 200, body: changeMembership(ctx, actorOf(me), r.params.id!, body.userId, true) };
    }),
    route('DELETE', '/api/admin/groups/:id/members/:userId', (r) => {
      const me = callerAdmin(r);
      groupOfOrg(me.org_id, r.params.id!);
      return { status: 200, body: changeMembership(ctx, actorOf(me), r.params.id!, r.params.userId!, false) };
    }),
    route('GET', '/api/admin/org', (r) => {
      const org = ctx.store.directory.org(callerAdmin(r).org_id);
      if (!org) throw notFound('Organisation');
      return { status: 200, body: { defaultLevel: org.default_level } };
    }),
    route('PUT', '/api/admin/org', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(orgSettingsSchema);
      setOrgDefault(ctx, actorOf(me), me.org_id, body.defaultLevel);
      return { status: 200, body: { defaultLevel: body.defaultLevel } };
    }),
    route('GET', '/api/admin/audit', (r) => ({ status: 200, body: { entries: ctx.store.audit.forOrg(callerAdmin(r).org_id) } })),
  ];
}
