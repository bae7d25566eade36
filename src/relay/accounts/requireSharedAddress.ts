import { forbidden, notFound } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import type { SharedAddressRow } from '../store/SharedAddressStore';

/** The shared address, if the actor administers its organisation; others from elsewhere learn nothing. */
export function requireSharedAddress(ctx: SharingContext, actor: Actor, id: string): SharedAddressRow {
  const row = ctx.store.sharedAddresses.get(id);
  if (!row) throw notFound('Shared address');
  if (!administers(actor, row.org_id)) {
    if (actor.orgId === row.org_id) throw forbidden('Only an administrator can change shared addresses');
    throw notFound('Shared address');
  }
  return row;
}
