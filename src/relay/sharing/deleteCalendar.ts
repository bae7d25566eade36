import { requireManager } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/**
 * Deletes a calendar into the trash (restorable for TRASH_DAYS). Everyone who reached it is told
 * ('removed'); people of other organisations keep a stale copy, as with a revoke.
 * The id is never reused, so an old replica cannot sync into a new calendar.
 */
export function deleteCalendar(ctx: SharingContext, actor: Actor, calendarId: string): void {
  const calendar = requireManager(ctx, actor, calendarId);
  const now = ctx.now();
  const effective = ctx.reader.effective(calendar);
  ctx.store.transaction(() => {
    for (const e of effective) {
      if (e.via !== 'external') continue;
      const person = ctx.store.directory.person(e.userId);
      const access = person ? ctx.reader.accessFor(person, calendarId) : null;
      if (access) ctx.store.sharing.putStale(e.userId, calendarId, JSON.stringify({ ...access, stale: true }), now);
    }
    // Into the trash (TRASH_DAYS): the row and grants as JSON, the documents stay
    // stored until purgeTrash removes them; restoreDeletedCalendar puts both back.
    ctx.store.trash.putCalendar({
      calendar_id: calendarId,
      org_id: calendar.org_id,
      owner_id: calendar.owner_id,
      name: calendar.name,
      calendar: JSON.stringify(calendar),
      grants: JSON.stringify(ctx.store.sharing.grants(calendarId)),
      // The row delete below cascades to ics_links, so the feed answers 404 (an
      // unknown token, naming nothing) while the calendar is in the trash, with no
      // check for it in the feed path to forget; a copy here lets restore put the
      // same URLs back, and the purge drops it with the entry. Access logs go.
      ics_links: JSON.stringify(ctx.store.icsLinks.rowsOf(calendarId)),
      deleted_at: now,
      deleted_by: actor.id,
    });
    ctx.store.sharing.deleteCalendar(calendarId, now);
    ctx.store.audit.record({ orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'calendar.delete', calendarId, subject: null, detail: { name: calendar.name, trash: true } }, now);
  });
  ctx.effects.calendarDeleted(calendarId);
  ctx.effects.accessChanged(
    effective.map((e) => e.userId),
    { byId: actor.id, byName: actor.name },
  );
}
