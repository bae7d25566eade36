import { randomUUID } from 'node:crypto';
import type { SharedAddress } from '../../shared/protocol/sharedAddresses';
import { conflict, forbidden, notFound } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { toSharedAddress } from './toSharedAddress';

/**
 * Not a valid stored hash (hashPassword.ts's format), so verifyPassword is
 * always false: a shared address can never sign in, whatever is tried.
 */
export const NO_SIGN_IN = '!shared-address';

/**
 * Creates a shared address (sales@) in an organisation: a directory entry that
 * cannot sign in, with its own calendar, which its members will reach as delegates.
 */
export function createSharedAddress(ctx: SharingContext, actor: Actor, orgId: string, body: { email: string; name: string }): SharedAddress {
  if (!ctx.store.directory.org(orgId)) throw notFound('Organisation');
  if (!administers(actor, orgId)) throw forbidden('Only an administrator can create shared addresses');
  const email = body.email.trim().toLowerCase();
  const now = ctx.now();
  const row = ctx.store.transaction(() => {
    if (ctx.store.directory.personByEmail(email) || ctx.store.sharedAddresses.byAlias(email)) throw conflict('This address is in use already');
    const person = ctx.store.directory.createPerson({ orgId, email, name: body.name, passwordHash: NO_SIGN_IN, isAdmin: false }, now);
    const calendarId = randomUUID();
    ctx.store.sharing.createCalendar({ id: calendarId, org_id: orgId, owner_id: person.id, name: body.name, default_level: null, created_at: now });
    const address = { person_id: person.id, org_id: orgId, calendar_id: calendarId, created_at: now };
    ctx.store.sharedAddresses.insert(address);
    ctx.store.audit.record({ orgId, actorId: actor.id, actorName: actor.name, action: 'shared-address.create', calendarId, subject: `user:${person.id}`, detail: { email, name: body.name } }, now);
    return address;
  });
  const calendar = ctx.store.sharing.calendar(row.calendar_id);
  if (calendar) ctx.effects.accessChanged(ctx.reader.reachers(calendar), { byId: actor.id, byName: actor.name });
  return toSharedAddress(ctx.store, row);
}
