import { requireManager } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/**
 * Rebuilds a calendar's titles and busy documents from `full` under new epochs.
 * Clients drop copies of the old epochs (their sockets close with 4404 and the
 * inbox lists the new epochs), so nothing a projection ever held lingers.
 */
export function rebuildProjections(ctx: SharingContext, actor: Actor, calendarId: string): { titles: number; busy: number } {
  const calendar = requireManager(ctx, actor, calendarId);
  const now = ctx.now();
  ctx.store.transaction(() => {
    ctx.store.sharing.bumpEpochs(calendarId);
    ctx.store.rooms.deletePrefix(`cal/${calendarId}/titles@`);
    ctx.store.rooms.deletePrefix(`cal/${calendarId}/busy@`);
    ctx.store.audit.record(
      { orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'projections.rebuild', calendarId, subject: null, detail: { titles: calendar.titles_epoch + 1, busy: calendar.busy_epoch + 1 } },
      now,
    );
  });
  ctx.effects.projectionsRebuilt(calendarId);
  ctx.effects.accessChanged(ctx.reader.reachers(calendar), { byId: actor.id, byName: actor.name });
  return { titles: calendar.titles_epoch + 1, busy: calendar.busy_epoch + 1 };
}
