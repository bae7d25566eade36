import {
  createTeamCalendarSchema,
  putTeamMaintainersSchema,
  putTeamScopeSchema,
  putTeamSubmissionsSchema,
  rejectSubmissionSchema,
  submitItemSchema,
} from '../../shared/protocol/teamCalendars';
import { forbidden } from '../RelayError';
import { actorOf } from '../sharing/actorOf';
import { createTeamCalendar } from '../teams/createTeamCalendar';
import { decideSubmission } from '../teams/decideSubmission';
import { listSubmissions } from '../teams/listSubmissions';
import { listTeamCalendars } from '../teams/listTeamCalendars';
import { setTeamMaintainers } from '../teams/setTeamMaintainers';
import { setTeamScope } from '../teams/setTeamScope';
import { setTeamSubmissions } from '../teams/setTeamSubmissions';
import { submitTeamItem } from '../teams/submitTeamItem';
import { requireTeamAdmin } from '../teams/requireTeamAdmin';
import { toTeamCalendar } from '../teams/toTeamCalendar';
import { updateQueueBadges } from '../teams/updateQueueBadges';
import type { ApiDeps } from './ApiDeps';
import { route, type RequestContext, type Route } from './RequestContext';

/** Team calendars (admins of the caller's organisation) and their submission queue (people in scope, maintainers). */
export function teamRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  const writer = deps.teams ?? null;
  const admin = (r: RequestContext) => {
    const { person } = r.caller();
    if (!person.is_admin) throw forbidden('Only an administrator can manage team calendars');
    return person;
  };
  const id = (r: RequestContext) => r.params.id!;
  return [
    route('GET', '/api/admin/team-calendars', (r) => {
      const me = admin(r);
      return { status: 200, body: { calendars: listTeamCalendars(ctx, actorOf(me), me.org_id) } };
    }),
    route('POST', '/api/admin/team-calendars', async (r) => {
      const me = admin(r);
      const body = await r.body(createTeamCalendarSchema);
      return { status: 201, body: createTeamCalendar(ctx, actorOf(me), me.org_id, me.id, body) };
    }),
    route('GET', '/api/admin/team-calendars/:id', (r) => {
      const { calendar, team } = requireTeamAdmin(ctx, actorOf(admin(r)), id(r));
      return { status: 200, body: toTeamCalendar(ctx, calendar, team) };
    }),
    route('PUT', '/api/admin/team-calendars/:id/scope', async (r) => {
      const me = admin(r);
      const body = await r.body(putTeamScopeSchema);
      return { status: 200, body: setTeamScope(ctx, actorOf(me), id(r), body.scope, body.level) };
    }),
    route('PUT', '/api/admin/team-calendars/:id/maintainers', async (r) => {
      const me = admin(r);
      const body = await r.body(putTeamMaintainersSchema);
      const { team, removed } = setTeamMaintainers(ctx, actorOf(me), id(r), body.userIds);
      if (writer) updateQueueBadges(ctx, writer, ctx.store.sharing.calendar(team.id)!, removed);
      return { status: 200, body: team };
    }),
    route('PUT', '/api/admin/team-calendars/:id/submissions', async (r) => {
      const me = admin(r);
      const body = await r.body(putTeamSubmissionsSchema);
      return { status: 200, body: setTeamSubmissions(ctx, actorOf(me), id(r), body.acceptsSubmissions) };
    }),
    route('GET', '/api/calendars/:id/submissions', (r) => ({ status: 200, body: { submissions: listSubmissions(ctx, actorOf(r.caller().person), id(r)) } })),
    route('POST', '/api/calendars/:id/submissions', async (r) => {
      const body = await r.body(submitItemSchema);
      return { status: 201, body: submitTeamItem(ctx, writer, r.caller().person, id(r), body) };
    }),
    route('POST', '/api/calendars/:id/submissions/:sid/approve', (r) => ({
      status: 200,
      body: decideSubmission(ctx, writer, actorOf(r.caller().person), id(r), r.params.sid!, { approve: true }),
    })),
    route('POST', '/api/calendars/:id/submissions/:sid/reject', async (r) => {
      const body = await r.body(rejectSubmissionSchema);
      return { status: 200, body: decideSubmission(ctx, writer, actorOf(r.caller().person), id(r), r.params.sid!, { approve: false, reason: body.reason }) };
    }),
  ];
}
