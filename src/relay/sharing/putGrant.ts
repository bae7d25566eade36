import type { Permissions, PutGrant } from '../../shared/protocol/api';
import { checkExternalShare } from '../policies/checkPolicy';
import { badRequest, notFound } from '../RelayError';
import { newId } from '../store/newId';
import { permissionsOf } from './permissionsOf';
import { removeGrant } from './removeGrant';
import { requireManager } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/**
 * Shares a calendar with a person or a group, or changes the level of a share
 * (level 'none' removes it). A new share to a person also puts an invitation in
 * their inbox. Acts at once: the recipients' inbox documents and open sockets
 * follow before this returns.
 */
export function putGrant(ctx: SharingContext, actor: Actor, calendarId: string, body: PutGrant): Permissions {
  const calendar = requireManager(ctx, actor, calendarId);
  if (body.level === 'none') return removeGrant(ctx, actor, calendarId, body.subject);
  const { kind, id } = body.subject;
  const now = ctx.now();
  let affected: string[] = [];
  let invited = false;
  ctx.store.transaction(() => {
    if (kind === 'user') {
      const person = ctx.store.directory.person(id);
      if (!person) throw notFound('Person');
      if (person.id === calendar.owner_id) throw badRequest('The owner already has every right to their calendar');
      checkExternalShare(ctx.store.db, calendar.org_id, person.org_id, body.level);
      affected = [id];
    } else {
      const group = ctx.store.directory.group(id);
      if (!group || group.org_id !== calendar.org_id) throw notFound('Group');
      affected = ctx.store.directory.membersOf(id);
    }
    const prev = ctx.store.sharing.grant(calendarId, kind, id);
    // Seeing private items is a delegate's option; below delegate it means nothing.
    const seesPrivate = body.level === 'delegate' && body.seesPrivate === true;
    if (prev && prev.level === body.level && prev.sees_private === seesPrivate) return;
    ctx.store.sharing.putGrant({ calendar_id: calendarId, subject_kind: kind, subject_id: id, level: body.level, sees_private: seesPrivate, since: now, granted_by: actor.id });
    if (kind === 'user') {
      ctx.store.sharing.deleteStale(id, calendarId);
      const pending = ctx.store.sharing.pendingInvitation(calendarId, id);
      if (!prev && !pending) {
        ctx.store.sharing.insertInvitation({
          id: newId(),
          calendar_id: calendarId,
          calendar_name: calendar.name,
          to_id: id,
          from_id: actor.id,
          level: body.level,
          ask_back: body.askBack === true,
          message: body.message ?? '',
          at: now,
          status: 'pending',
        });
        invited = true;
      } else if (pending) ctx.store.sharing.setInvitationLevel(pending.id, body.level);
    }
    ctx.store.audit.record(
      {
        orgId: calendar.org_id,
        actorId: actor.id,
        actorName: actor.name,
        action: prev ? 'grant.change' : 'grant.add',
        calendarId,
        subject: `${kind}:${id}`,
        detail: { level: body.level, previousLevel: prev?.level ?? null, seesPrivate, askBack: body.askBack === true, invited },
      },
      now,
    );
  });
  ctx.effects.accessChanged(affected, { byId: actor.id, byName: actor.name, invitedTo: invited ? new Set([calendarId]) : undefined });
  return permissionsOf(ctx, ctx.store.sharing.calendar(calendarId) ?? calendar);
}
