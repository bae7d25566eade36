import type { RemovedMember } from '../../shared/protocol/orgMembers';
import { badRequest, conflict, forbidden, notFound } from '../RelayError';
import { administers } from '../sharing/requireManager';
import { removeGrant } from '../sharing/removeGrant';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { revokeSessions } from './revokeSessions';

/**
 * Removes a member from their organisation (an admin of it): they can no longer
 * sign in and leave the directory; their sessions end and their sockets close
 * (4401); their app passwords are revoked; the shares they received are removed
 * through removeGrant, so their inbox and devices learn at once; they leave their
 * groups and shared addresses. Their own calendars stay, still theirs, listed for
 * an admin to transfer or archive.
 */
export function removeMember(ctx: SharingContext, actor: Actor, userId: string): RemovedMember {
  const person = ctx.store.directory.person(userId);
  if (!person || !administers(actor, person.org_id)) {
    if (person && actor.orgId === person.org_id) throw forbidden('Only an administrator can remove a member');
    throw notFound('Person');
  }
  if (person.id === actor.id) throw badRequest('You cannot remove yourself; ask another administrator');
  if (ctx.store.sharedAddresses.isSharedAddress(person.id)) throw badRequest('This is a shared address, not a member: remove its members instead');
  if (ctx.store.removedPeople.isRemoved(person.id)) throw conflict('This person was removed already');
  const now = ctx.now();
  const sessions = ctx.store.removedPeople.activeSessionsOf(person.id);
  const appPasswords = ctx.store.appPasswords.activeOfUser(person.id);
  const groups = ctx.store.directory.groupIdsOf(person.id);
  const addresses = ctx.store.sharedAddresses.addressesOfMember(person.id);
  ctx.store.transaction(() => {
    ctx.store.removedPeople.mark(person.id, actor.id, now);
    for (const p of appPasswords) ctx.store.appPasswords.revoke(p.id, now);
    for (const g of groups) ctx.store.directory.removeMember(g, person.id);
    for (const a of addresses) ctx.store.sharedAddresses.removeMember(a, person.id);
    ctx.store.audit.record(
      {
        orgId: person.org_id,
        actorId: actor.id,
        actorName: actor.name,
        action: 'person.remove',
        calendarId: null,
        subject: `user:${person.id}`,
        detail: { email: person.email, name: person.name, sessions: sessions.length, appPasswords: appPasswords.length, groups, sharedAddresses: addresses },
      },
      now,
    );
  });
  revokeSessions(ctx, [...sessions, ...appPasswords.flatMap((p) => ctx.store.appPasswords.sessionsOf(p.id))]);
  // Removing the person is the admin's authority over every share they hold,
  // including shares from other organisations' calendars.
  const system: Actor = { id: actor.id, name: actor.name, orgId: null, isAdmin: true };
  let sharesRemoved = 0;
  for (const calendarId of ctx.store.removedPeople.directGrantsTo(person.id)) {
    removeGrant(ctx, system, calendarId, { kind: 'user', id: person.id });
    sharesRemoved++;
  }
  for (const a of addresses) {
    const address = ctx.store.sharedAddresses.get(a);
    if (address && ctx.store.sharing.grant(address.calendar_id, 'user', person.id)) {
      removeGrant(ctx, system, address.calendar_id, { kind: 'user', id: person.id });
      sharesRemoved++;
    }
  }
  ctx.effects.accessChanged([person.id], { byId: actor.id, byName: actor.name });
  return {
    id: person.id,
    sessionsEnded: sessions.length,
    appPasswordsRevoked: appPasswords.length,
    sharesRemoved,
    calendarsKept: ctx.store.sharing.calendarsOfOrg(person.org_id).filter((c) => c.owner_id === person.id).map((c) => c.id),
  };
}
