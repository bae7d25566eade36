import type { SharedAddress } from '../../shared/protocol/sharedAddresses';
import { badRequest, notFound } from '../RelayError';
import { putGrant } from '../sharing/putGrant';
import { removeGrant } from '../sharing/removeGrant';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { requireSharedAddress } from './requireSharedAddress';
import { toSharedAddress } from './toSharedAddress';

/**
 * Adds a member to a shared address or removes one. A member holds a direct
 * delegate grant (with private items) on its calendar, made and removed through
 * putGrant/removeGrant, so their inbox and sockets follow at once and meeting
 * requests to the address reach them as its delegates.
 */
export function changeSharedAddressMember(ctx: SharingContext, actor: Actor, addressId: string, userId: string, member: boolean): SharedAddress {
  const address = requireSharedAddress(ctx, actor, addressId);
  const person = ctx.store.directory.person(userId);
  if (!person || person.org_id !== address.org_id) throw notFound('Person');
  if (member) {
    if (ctx.store.removedPeople.isRemoved(person.id)) throw badRequest('That person was removed from the organisation');
    if (ctx.store.sharedAddresses.isSharedAddress(person.id)) throw badRequest('A shared address cannot be a member of another');
  }
  const now = ctx.now();
  const changed = ctx.store.transaction(() => {
    const did = member ? ctx.store.sharedAddresses.addMember(address.person_id, person.id) : ctx.store.sharedAddresses.removeMember(address.person_id, person.id);
    if (did) {
      ctx.store.audit.record(
        { orgId: address.org_id, actorId: actor.id, actorName: actor.name, action: member ? 'shared-address.add-member' : 'shared-address.remove-member', calendarId: address.calendar_id, subject: `user:${person.id}`, detail: { addressId } },
        now,
      );
    }
    return did;
  });
  if (!changed && !member) throw notFound('Member');
  if (member) putGrant(ctx, actor, address.calendar_id, { subject: { kind: 'user', id: person.id }, level: 'delegate', seesPrivate: true });
  else if (ctx.store.sharing.grant(address.calendar_id, 'user', person.id)) removeGrant(ctx, actor, address.calendar_id, { kind: 'user', id: person.id });
  return toSharedAddress(ctx.store, address);
}
