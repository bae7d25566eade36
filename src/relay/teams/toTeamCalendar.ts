import type { TeamCalendar, TeamScope } from '../../shared/protocol/teamCalendars';
import type { SharingContext } from '../sharing/SharingContext';
import type { CalendarRow } from '../store/rowSchemas';
import type { TeamRow } from '../store/TeamStore';

/** The scope as stored: the kind and level in team_calendars, the groups as group grants. */
export function scopeOf(ctx: SharingContext, team: TeamRow): TeamScope {
  if (team.scope_kind === 'org') return { kind: 'org' };
  const groupIds = ctx.store.sharing
    .grants(team.calendar_id)
    .filter((g) => g.subject_kind === 'group')
    .map((g) => g.subject_id);
  return { kind: 'groups', groupIds };
}

/** Maintainers are the direct grants at editor: a scope never grants more than reviewer. */
export function maintainerIdsOf(ctx: SharingContext, calendarId: string): string[] {
  return ctx.store.sharing
    .grants(calendarId)
    .filter((g) => g.subject_kind === 'user' && g.level === 'editor')
    .map((g) => g.subject_id);
}

export function toTeamCalendar(ctx: SharingContext, calendar: CalendarRow, team: TeamRow): TeamCalendar {
  const maintainers = maintainerIdsOf(ctx, calendar.id).flatMap((id) => {
    const p = ctx.store.directory.person(id);
    return p ? [{ id: p.id, name: p.name, email: p.email }] : [];
  });
  return {
    id: calendar.id,
    name: calendar.name,
    scope: scopeOf(ctx, team),
    level: team.level,
    maintainers,
    acceptsSubmissions: team.accepts_submissions,
    createdAt: team.created_at,
  };
}
