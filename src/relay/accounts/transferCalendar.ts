import { badRequest, forbidden, notFound } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import type { CalendarRow } from '../store/rowSchemas';

/**
 * Hands a calendar to another member of its organisation (an admin of it): the
 * new owner's inbox lists it as theirs at once; the old owner falls to what the
 * organisation's default and groups give them (their sockets re-checked, so the
 * rooms they may no longer open close). A direct share the new owner held is
 * dropped: an owner has every right.
 */
export function transferCalendar(ctx: SharingContext, actor: Actor, calendarId: string, newOwnerId: string): CalendarRow {
  const calendar = ctx.store.sharing.calendar(calendarId);
  if (!calendar) throw notFound('Calendar');
  if (!administers(actor, calendar.org_id)) {
    if (actor.orgId === calendar.org_id) throw forbidden('Only an administrator can transfer a calendar');
    throw notFound('Calendar');
  }
  const next = ctx.store.directory.person(newOwnerId);
  if (!next || next.org_id !== calendar.org_id) throw notFound('Person');
  if (ctx.store.removedPeople.isRemoved(next.id)) throw badRequest('That person was removed from the organisation');
  if (ctx.store.sharedAddresses.isSharedAddress(next.id)) throw badRequest('A shared address cannot own another calendar');
  if (next.id === calendar.owner_id) throw badRequest('This person owns the calendar already');
  const oldOwnerId = calendar.owner_id;
  const now = ctx.now();
  const before = ctx.reader.reachers(calendar);
  ctx.store.transaction(() => {
    ctx.store.removedPeople.setOwner(calendarId, next.id);
    ctx.store.sharing.deleteGrant(calendarId, 'user', next.id);
    ctx.store.audit.record(
      { orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'calendar.transfer', calendarId, subject: `user:${next.id}`, detail: { from: oldOwnerId, to: next.id, name: calendar.name } },
      now,
    );
  });
  const updated = ctx.store.sharing.calendar(calendarId)!;
  ctx.effects.ownershipLost?.(calendarId, oldOwnerId);
  ctx.effects.accessChanged(new Set([oldOwnerId, next.id, ...before, ...ctx.reader.reachers(updated)]), { byId: actor.id, byName: actor.name });
  return updated;
}
