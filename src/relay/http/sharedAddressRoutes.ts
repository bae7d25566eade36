import { createSharedAddressSchema, sharedAddressAliasSchema, sharedAddressMemberSchema } from '../../shared/protocol/sharedAddresses';
import { changeSharedAddressAlias } from '../accounts/changeSharedAddressAlias';
import { changeSharedAddressMember } from '../accounts/changeSharedAddressMember';
import { createSharedAddress } from '../accounts/createSharedAddress';
import { toSharedAddress } from '../accounts/toSharedAddress';
import { actorOf } from '../sharing/actorOf';
import type { ApiDeps } from './ApiDeps';
import { callerAdmin } from './callerAdmin';
import { route, type Route } from './RequestContext';

/** Shared addresses (sales@): admins create them, add and remove members and aliases. */
export function sharedAddressRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  return [
    route('GET', '/api/admin/shared-addresses', (r) => ({
      status: 200,
      body: { sharedAddresses: ctx.store.sharedAddresses.ofOrg(callerAdmin(r).org_id).map((a) => toSharedAddress(ctx.store, a)) },
    })),
    route('POST', '/api/admin/shared-addresses', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(createSharedAddressSchema);
      return { status: 201, body: createSharedAddress(ctx, actorOf(me), me.org_id, body) };
    }),
    route('PUT', '/api/admin/shared-addresses/:id/members', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(sharedAddressMemberSchema);
      return { status: 200, body: changeSharedAddressMember(ctx, actorOf(me), r.params.id!, body.userId, true) };
    }),
    route('DELETE', '/api/admin/shared-addresses/:id/members/:userId', (r) => {
      const me = callerAdmin(r);
      return { status: 200, body: changeSharedAddressMember(ctx, actorOf(me), r.params.id!, r.params.userId!, false) };
    }),
    route('POST', '/api/admin/shared-addresses/:id/aliases', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(sharedAddressAliasSchema);
      return { status: 200, body: changeSharedAddressAlias(ctx, actorOf(me), r.params.id!, body.alias, true) };
    }),
    route('DELETE', '/api/admin/shared-addresses/:id/aliases', async (r) => {
      const me = callerAdmin(r);
      const body = await r.body(sharedAddressAliasSchema);
      return { status: 200, body: changeSharedAddressAlias(ctx, actorOf(me), r.params.id!, body.alias, false) };
    }),
  ];
}
