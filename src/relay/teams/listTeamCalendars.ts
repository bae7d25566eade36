import type { TeamCalendar } from '../../shared/protocol/teamCalendars';
import { forbidden } from '../RelayError';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { toTeamCalendar } from './toTeamCalendar';

export function listTeamCalendars(ctx: SharingContext, actor: Actor, orgId: string): TeamCalendar[] {
  if (!actor.isAdmin || (actor.orgId !== null && actor.orgId !== orgId)) throw forbidden('Only an administrator can manage team calendars');
  return ctx.store.teams.teamsOfOrg(orgId).flatMap((team) => {
    const calendar = ctx.store.sharing.calendar(team.calendar_id);
    return calendar ? [toTeamCalendar(ctx, calendar, team)] : [];
  });
}
