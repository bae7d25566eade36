import type { Permissions, Subject } from '../../shared/protocol/api';
import { notFound } from '../RelayError';
import { removeGrant } from '../sharing/removeGrant';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';

/**
 * An administrator revokes a share from the review. It is the owner's own
 * removeGrant (so the recipient's sockets and inbox react at once and
 * `grant.remove` is audited), plus `admin.revoke-share`, which says the cut came
 * from the review rather than from the calendar's sharing dialog.
 */
export function revokeShare(ctx: SharingContext, actor: Actor, calendarId: string, subject: Subject): Permissions {
  const calendar = ctx.store.sharing.calendar(calendarId);
  // Calendars of other organisations do not exist for this admin.
  if (!calendar || !administers(actor, calendar.org_id)) throw notFound('Calendar');
  if (!ctx.store.sharing.grant(calendarId, subject.kind, subject.id)) throw notFound('Share');
  const permissions = removeGrant(ctx, actor, calendarId, subject);
  ctx.store.audit.record(
    { orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'admin.revoke-share', calendarId, subject: `${subject.kind}:${subject.id}`, detail: { via: 'review' } },
    ctx.now(),
  );
  return permissions;
}
