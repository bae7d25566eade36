import type { TeamCalendar } from '../../shared/protocol/teamCalendars';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { requireTeamAdmin } from './requireTeamAdmin';
import { toTeamCalendar } from './toTeamCalendar';

/** The per-calendar switch "accept submissions". Items already queued stay for the maintainers to decide. */
export function setTeamSubmissions(ctx: SharingContext, actor: Actor, calendarId: string, accepts: boolean): TeamCalendar {
  const { calendar, team } = requireTeamAdmin(ctx, actor, calendarId);
  if (team.accepts_submissions !== accepts) {
    const now = ctx.now();
    ctx.store.transaction(() => {
      ctx.store.teams.setAcceptsSubmissions(calendarId, accepts);
      ctx.store.audit.record({ orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'team.submissions', calendarId, subject: null, detail: { acceptsSubmissions: accepts } }, now);
    });
  }
  return toTeamCalendar(ctx, calendar, ctx.store.teams.team(calendarId)!);
}
