import type { CalendarAccess } from '../../shared/protocol/api';
import { conflict, notFound, RelayError } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import type { CalendarTrashRow } from '../store/TrashStore';
import { trashedCalendarSchema, trashedGrantsSchema } from './trashedCalendarSchema';

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
 * dropped. Everyone who reaches it again gets it back in their inbox.
 */
export function restoreDeletedCalendar(ctx: SharingContext, actor: Actor, calendarId: string): CalendarAccess | null {
  const row = requireTrashed(ctx, actor, calendarId);
  let calendar;
  let grants;
  try {
    calendar = trashedCalendarSchema.parse(JSON.parse(row.calendar));
    grants = trashedGrantsSchema.parse(JSON.parse(row.grants));
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
    ctx.store.trash.deleteCalendar(calendarId);
    ctx.store.audit.record(
      { orgId: row.org_id, actorId: actor.id, actorName: actor.name, action: 'calendar.restore-deleted', calendarId, subject: null, detail: { name: row.name, grants: kept, droppedGrants: grants.length - kept } },
      now,
    );
  });
  ctx.effects.accessChanged(ctx.reader.reachers(restored), { byId: actor.id, byName: actor.name });
  const person = ctx.store.directory.person(actor.id);
  return person ? ctx.reader.accessFor(person, calendarId) : null;
}
