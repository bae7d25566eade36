import type { TeamCalendar } from '../../shared/protocol/teamCalendars';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { checkTeamMembers } from './checkTeamMembers';
import { requireTeamAdmin } from './requireTeamAdmin';
import { maintainerIdsOf, toTeamCalendar } from './toTeamCalendar';
import { writeMaintainerGrants } from './writeTeamGrants';

/** Replaces a team calendar's maintainers (editors); a former maintainer falls back to the scope's level at once. */
export function setTeamMaintainers(ctx: SharingContext, actor: Actor, calendarId: string, userIds: readonly string[]): { team: TeamCalendar; removed: string[] } {
  const { calendar } = requireTeamAdmin(ctx, actor, calendarId);
  checkTeamMembers(ctx, calendar.org_id, null, userIds);
  const now = ctx.now();
  const before = maintainerIdsOf(ctx, calendarId);
  const wanted = [...new Set(userIds)];
  ctx.store.transaction(() => {
    writeMaintainerGrants(ctx, actor, calendarId, wanted, now);
    ctx.store.audit.record(
      { orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'team.maintainers', calendarId, subject: null, detail: { maintainerIds: wanted, previousMaintainerIds: before } },
      now,
    );
  });
  const touched = new Set([...before, ...wanted]);
  ctx.effects.accessChanged(touched, { byId: actor.id, byName: actor.name, ...(before.some((id) => !wanted.includes(id)) ? { directRevokedOn: new Set([calendarId]) } : {}) });
  return { team: toTeamCalendar(ctx, ctx.store.sharing.calendar(calendarId)!, ctx.store.teams.team(calendarId)!), removed: before.filter((id) => !wanted.includes(id)) };
}
