import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { Permissions } from '../../shared/protocol/api';
import { permissionsOf } from './permissionsOf';
import { requireManager } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/** Sets the calendar's "People in my organization" level; null follows the organisation's default. */
export function setCalendarDefault(ctx: SharingContext, actor: Actor, calendarId: string, level: PermissionLevel | null): Permissions {
  const calendar = requireManager(ctx, actor, calendarId);
  const now = ctx.now();
  if (calendar.default_level !== level) {
    ctx.store.transaction(() => {
      ctx.store.sharing.setCalendarDefault(calendarId, level);
      ctx.store.audit.record(
        { orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'default.calendar', calendarId, subject: null, detail: { level, previousLevel: calendar.default_level } },
        now,
      );
    });
    ctx.effects.accessChanged(
      ctx.store.directory.peopleOfOrg(calendar.org_id).map((p) => p.id),
      { byId: actor.id, byName: actor.name },
    );
  }
  return permissionsOf(ctx, ctx.store.sharing.calendar(calendarId) ?? calendar);
}
