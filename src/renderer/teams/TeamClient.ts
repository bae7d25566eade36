import {
  submissionListSchema,
  submissionSchema,
  teamCalendarListSchema,
  teamCalendarSchema,
  type CreateTeamCalendar,
  type Submission,
  type SubmitItem,
  type TeamCalendar,
  type TeamScope,
  type TeamScopeLevel,
} from '../../shared/protocol/teamCalendars';
import type { RelayClient } from '../sync/RelayClient';

const enc = encodeURIComponent;

/** The team calendar endpoints of the relay (docs/relay.md, Team calendars), every answer parsed. */
export class TeamClient {
  constructor(private readonly relay: RelayClient) {}

  async list(): Promise<TeamCalendar[]> {
    return (await this.relay.call('GET', '/api/admin/team-calendars', teamCalendarListSchema)).calendars;
  }

  create(body: CreateTeamCalendar): Promise<TeamCalendar> {
    return this.relay.call('POST', '/api/admin/team-calendars', teamCalendarSchema, body);
  }

  setScope(id: string, scope: TeamScope, level: TeamScopeLevel): Promise<TeamCalendar> {
    return this.relay.call('PUT', `/api/admin/team-calendars/${enc(id)}/scope`, teamCalendarSchema, { scope, level });
  }

  setMaintainers(id: string, userIds: string[]): Promise<TeamCalendar> {
    return this.relay.call('PUT', `/api/admin/team-calendars/${enc(id)}/maintainers`, teamCalendarSchema, { userIds });
  }

  setAcceptsSubmissions(id: string, acceptsSubmissions: boolean): Promise<TeamCalendar> {
    return this.relay.call('PUT', `/api/admin/team-calendars/${enc(id)}/submissions`, teamCalendarSchema, { acceptsSubmissions });
  }

  async submissions(calendarId: string): Promise<Submission[]> {
    return (await this.relay.call('GET', `/api/calendars/${enc(calendarId)}/submissions`, submissionListSchema)).submissions;
  }

  submit(calendarId: string, item: SubmitItem): Promise<Submission> {
    return this.relay.call('POST', `/api/calendars/${enc(calendarId)}/submissions`, submissionSchema, item);
  }

  approve(calendarId: string, submissionId: string): Promise<Submission> {
    return this.relay.call('POST', `/api/calendars/${enc(calendarId)}/submissions/${enc(submissionId)}/approve`, submissionSchema);
  }

  reject(calendarId: string, submissionId: string, reason: string): Promise<Submission> {
    return this.relay.call('POST', `/api/calendars/${enc(calendarId)}/submissions/${enc(submissionId)}/reject`, submissionSchema, { reason });
  }
}
