import { MAX_ALIASES, type SharedAddress } from '../../shared/protocol/sharedAddresses';
import { conflict, notFound, RelayError } from '../RelayError';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { requireSharedAddress } from './requireSharedAddress';
import { toSharedAddress } from './toSharedAddress';

/** Adds or removes an alias of a shared address (at most MAX_ALIASES; unique across people and aliases). */
export function changeSharedAddressAlias(ctx: SharingContext, actor: Actor, addressId: string, aliasInput: string, add: boolean): SharedAddress {
  const address = requireSharedAddress(ctx, actor, addressId);
  const alias = aliasInput.trim().toLowerCase();
  const now = ctx.now();
  ctx.store.transaction(() => {
    if (add) {
      if (ctx.store.directory.personByEmail(alias) || ctx.store.sharedAddresses.byAlias(alias)) throw conflict('This address is in use already');
      if (ctx.store.sharedAddresses.aliases(address.person_id).length >= MAX_ALIASES) {
        throw new RelayError(409, 'too_many_aliases', `A shared address has at most ${MAX_ALIASES} aliases: remove one first`);
      }
      ctx.store.sharedAddresses.addAlias(address.person_id, alias);
    } else if (!ctx.store.sharedAddresses.removeAlias(address.person_id, alias)) throw notFound('Alias');
    ctx.store.audit.record(
      { orgId: address.org_id, actorId: actor.id, actorName: actor.name, action: add ? 'shared-address.add-alias' : 'shared-address.remove-alias', calendarId: null, subject: `user:${address.person_id}`, detail: { alias } },
      now,
    );
  });
  // Everyone in the organisation sees aliases in the directory; nobody's access changed.
  return toSharedAddress(ctx.store, address);
}
