import { requireManager } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/**
 * Deletes a calendar with its documents. Everyone who reached it is told
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
    ctx.store.sharing.deleteCalendar(calendarId, now);
    ctx.store.rooms.deletePrefix(`cal/${calendarId}/`);
    ctx.store.audit.record({ orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'calendar.delete', calendarId, subject: null, detail: { name: calendar.name } }, now);
  });
  ctx.effects.calendarDeleted(calendarId);
  ctx.effects.accessChanged(
    effective.map((e) => e.userId),
    { byId: actor.id, byName: actor.name },
  );
}
