import { compareLevels } from '../../shared/permissions/compareLevels';
import type { CalendarAccess } from '../../shared/protocol/api';
import { conflict, notFound, RelayError } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import type { CalendarTrashRow } from '../store/TrashStore';
import { PolicyStore } from '../store/PolicyStore';
import { trashedCalendarSchema, trashedGrantsSchema, trashedIcsLinksSchema } from './trashedCalendarSchema';

/** A trash entry the actor may restore or see: its owner's, or any in an organisation they administer. */
export function requireTrashed(ctx: SharingContext, actor: Actor, calendarId: string): CalendarTrashRow {
  const row = ctx.store.trash.calendar(calendarId);
  if (!row || (row.owner_id !== actor.id && !administers(actor, row.org_id))) throw notFound('Deleted calendar');
  return row;
}

/**
 * Takes a calendar out of the trash with its grants and documents (kept in the
 * store since it was deleted). Its projection epochs move on, so no device
 * keeps a projection from before. Grants to people or groups that are gone are
 * dropped. Everyone who reaches it again gets it back in their inbox. Its
 * published ICS links come back with their tokens, levels, passwords, expiries
 * and revocations (not their access logs); one above the organisation's links
 * policy as it is now comes back revoked, as a tightening would have done.
 */
export function restoreDeletedCalendar(ctx: SharingContext, actor: Actor, calendarId: string): CalendarAccess | null {
  const row = requireTrashed(ctx, actor, calendarId);
  let calendar;
  let grants;
  let trashed;
  try {
    calendar = trashedCalendarSchema.parse(JSON.parse(row.calendar));
    grants = trashedGrantsSchema.parse(JSON.parse(row.grants));
    trashed = trashedIcsLinksSchema.parse(JSON.parse(row.ics_links));
  } catch {
    throw new RelayError(500, 'trash_damaged', 'This trash entry is damaged and cannot be restored');
  }
  if (ctx.store.sharing.calendar(calendarId)) throw conflict('A calendar with this id exists');
  if (!ctx.store.directory.person(calendar.owner_id)) throw conflict('The owner of this calendar no longer exists');
  const now = ctx.now();
  const restored = { ...calendar, titles_epoch: calendar.titles_epoch + 1, busy_epoch: calendar.busy_epoch + 1 };
  ctx.store.transaction(() => {
    ctx.store.sharing.insertCalendarRow(restored);
    ctx.store.rooms.deletePrefix(`cal/${calendarId}/titles@`);
    ctx.store.rooms.deletePrefix(`cal/${calendarId}/busy@`);
    let kept = 0;
    for (const g of grants) {
      const exists = g.subject_kind === 'user' ? ctx.store.directory.person(g.subject_id) : ctx.store.directory.group(g.subject_id);
      if (!exists) continue;
      ctx.store.sharing.putGrant({ ...g, calendar_id: calendarId });
      if (g.subject_kind === 'user') ctx.store.sharing.deleteStale(g.subject_id, calendarId);
      kept++;
    }
    const linksCap = new PolicyStore(ctx.store.db).get(calendar.org_id).icsLinksMax;
    let links = 0;
    let linksRevoked = 0;
    for (const l of trashed) {
      // Only an export restored meanwhile could hold the same id or token; that copy stays.
      if (ctx.store.icsLinks.taken(l.id, l.token_hash)) continue;
      const overCap = l.revoked_at === null && compareLevels(l.level, linksCap) > 0;
      ctx.store.icsLinks.insertRow({ ...l, calendar_id: calendarId, ...(overCap ? { revoked_at: now, token: null } : {}) });
      links++;
      if (overCap) linksRevoked++;
    }
    ctx.store.trash.deleteCalendar(calendarId);
    ctx.store.audit.record(
      {
        orgId: row.org_id,
        actorId: actor.id,
        actorName: actor.name,
        action: 'calendar.restore-deleted',
        calendarId,
        subject: null,
        detail: { name: row.name, grants: kept, droppedGrants: grants.length - kept, icsLinks: links, icsLinksRevokedByPolicy: linksRevoked, droppedIcsLinks: trashed.length - links },
      },
      now,
    );
  });
  ctx.effects.accessChanged(ctx.reader.reachers(restored), { byId: actor.id, byName: actor.name });
  const person = ctx.store.directory.person(actor.id);
  return person ? ctx.reader.accessFor(person, calendarId) : null;
}
