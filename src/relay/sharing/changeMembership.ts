import type { Group } from '../../shared/protocol/api';
import { badRequest, forbidden, notFound } from '../RelayError';
import { administers } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/**
 * Adds a person to a group or removes them. Group grants follow the person at
 * once: their inbox and open sockets are re-checked before this returns.
 */
export function changeMembership(ctx: SharingContext, actor: Actor, groupId: string, userId: string, member: boolean): Group {
  const group = ctx.store.directory.group(groupId);
  if (!group) throw notFound('Group');
  if (!administers(actor, group.org_id)) throw forbidden('Only an administrator can change groups');
  const person = ctx.store.directory.person(userId);
  if (!person) throw notFound('Person');
  if (person.org_id !== group.org_id) throw badRequest('Only people of the organisation can be members of its groups');
  const now = ctx.now();
  const changed = ctx.store.transaction(() => {
    const did = member ? ctx.store.directory.addMember(groupId, userId) : ctx.store.directory.removeMember(groupId, userId);
    if (did) {
      ctx.store.audit.record(
        { orgId: group.org_id, actorId: actor.id, actorName: actor.name, action: member ? 'group.add-member' : 'group.remove-member', calendarId: null, subject: `user:${userId}`, detail: { groupId, groupName: group.name } },
        now,
      );
    }
    return did;
  });
  if (changed) ctx.effects.accessChanged([userId], { byId: actor.id, byName: actor.name });
  return { id: group.id, name: group.name, members: ctx.store.directory.membersOf(groupId) };
}
