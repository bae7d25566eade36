import { forbidden, notFound } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import type { CalendarRow } from '../store/rowSchemas';
import type { TeamRow } from '../store/TeamStore';

/** The team calendar, if the actor administers its organisation; people who are not admins learn nothing more than 403. */
export function requireTeamAdmin(ctx: SharingContext, actor: Actor, calendarId: string): { calendar: CalendarRow; team: TeamRow } {
  if (!actor.isAdmin) throw forbidden('Only an administrator can manage team calendars');
  const calendar = ctx.store.sharing.calendar(calendarId);
  const team = calendar ? ctx.store.teams.team(calendarId) : null;
  if (!calendar || !team || !administers(actor, calendar.org_id)) throw notFound('Team calendar');
  return { calendar, team };
}
