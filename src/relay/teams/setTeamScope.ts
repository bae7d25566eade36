import type { TeamCalendar, TeamScope, TeamScopeLevel } from '../../shared/protocol/teamCalendars';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { checkTeamMembers } from './checkTeamMembers';
import { requireTeamAdmin } from './requireTeamAdmin';
import { scopeOf, toTeamCalendar } from './toTeamCalendar';
import { writeScopeGrants } from './writeTeamGrants';

/**
 * Changes who sees a team calendar and at what level. Everyone of the
 * organisation is re-checked at once: narrowing the scope takes the calendar off
 * the devices of the people left out, exactly like a revocation.
 */
export function setTeamScope(ctx: SharingContext, actor: Actor, calendarId: string, scope: TeamScope, level: TeamScopeLevel): TeamCalendar {
  const { calendar, team } = requireTeamAdmin(ctx, actor, calendarId);
  checkTeamMembers(ctx, calendar.org_id, scope, null);
  const now = ctx.now();
  const before = scopeOf(ctx, team);
  ctx.store.transaction(() => {
    writeScopeGrants(ctx, actor, calendarId, scope, level, now);
    ctx.store.teams.setScope(calendarId, scope.kind, level);
    ctx.store.audit.record(
      { orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'team.scope', calendarId, subject: null, detail: { scope, level, previousScope: before, previousLevel: team.level } },
      now,
    );
  });
  ctx.effects.accessChanged(
    ctx.store.directory.peopleOfOrg(calendar.org_id).map((p) => p.id),
    { byId: actor.id, byName: actor.name },
  );
  return toTeamCalendar(ctx, ctx.store.sharing.calendar(calendarId)!, ctx.store.teams.team(calendarId)!);
}
