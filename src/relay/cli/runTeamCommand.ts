import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createTeamCalendarSchema, teamScopeLevelSchema, type TeamCalendar, type TeamScope } from '../../shared/protocol/teamCalendars';
import { RelayError } from '../RelayError';
import { cliContext, orgOption, requiredOption } from './cliOptions';
import { CLI_ACTOR } from '../sharing/SharingContext';
import type { OrgRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import { createTeamCalendar } from '../teams/createTeamCalendar';
import { listTeamCalendars } from '../teams/listTeamCalendars';
import { setTeamMaintainers } from '../teams/setTeamMaintainers';
import { setTeamScope } from '../teams/setTeamScope';
import { setTeamSubmissions } from '../teams/setTeamSubmissions';

export const TEAM_USAGE = `  add-team-calendar --name <n> --level <level> [--groups <name|id>,...] [--maintainers <email>,...] [--submissions] [--org <name>]
                                                         a calendar owned by the organisation; without --groups the whole organisation
  team-scope --calendar <id> (--groups <name|id>,... | --whole-org) --level <level>
  team-maintainers --calendar <id> --maintainers <email>,...   (empty: none)
  team-submissions --calendar <id> (--on | --off)
  list-team-calendars [--org <name>]
  Team levels: availability, limited, reviewer (maintainers edit).`;

export const TEAM_COMMANDS = ['add-team-calendar', 'team-scope', 'team-maintainers', 'team-submissions', 'list-team-calendars'] as const;
export type TeamCommand = (typeof TEAM_COMMANDS)[number];

export function isTeamCommand(command: string | undefined): command is TeamCommand {
  return (TEAM_COMMANDS as readonly (string | undefined)[]).includes(command);
}

const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * The admin CLI's team calendar commands (runAdminCommand dispatches here). Like
 * every CLI change they only write the store; a running relay notices and
 * updates inboxes and sockets. Approving submissions writes documents, so it is
 * the app's (or the HTTP API's) job, not the CLI's.
 */
export function runTeamCommand(store: Store, command: TeamCommand, args: string[], print: (line: string) => void): void {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      level: { type: 'string' },
      groups: { type: 'string' },
      maintainers: { type: 'string' },
      submissions: { type: 'boolean', default: false },
      org: { type: 'string' },
      calendar: { type: 'string' },
      'whole-org': { type: 'boolean', default: false },
      on: { type: 'boolean', default: false },
      off: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const ctx = cliContext(store);
  const need = (name: 'name' | 'level' | 'calendar'): string => requiredOption(values, name, command);
  const level = () => {
    const r = teamScopeLevelSchema.safeParse(need('level'));
    if (!r.success) throw new RelayError(400, 'usage', `--level must be one of ${teamScopeLevelSchema.options.join(', ')}`);
    return r.data;
  };
  const orgOf = (): OrgRow => orgOption(store, values.org);
  const calendarOrg = (): OrgRow => {
    const calendar = store.sharing.calendar(need('calendar'));
    const org = calendar ? store.directory.org(calendar.org_id) : null;
    if (!org) throw new RelayError(404, 'not_found', `No calendar ${values.calendar ?? ''}`);
    return org;
  };
  const scopeOf = (org: OrgRow): TeamScope => {
    const refs = list(values.groups);
    if (refs.length === 0) return { kind: 'org' };
    return {
      kind: 'groups',
      groupIds: refs.map((ref) => {
        const g = store.directory.groupByName(org.id, ref) ?? store.directory.group(ref);
        if (!g || g.org_id !== org.id) throw new RelayError(404, 'not_found', `No group ${ref} in ${org.name}`);
        return g.id;
      }),
    };
  };
  const peopleOf = (emails: string[]) =>
    emails.map((email) => {
      const p = store.directory.personByEmail(email.toLowerCase());
      if (!p) throw new RelayError(404, 'not_found', `No person with email ${email}`);
      return p.id;
    });
  const show = (t: TeamCalendar) => {
    const scope = t.scope.kind === 'org' ? 'whole organisation' : t.scope.groupIds.map((id) => store.directory.group(id)?.name ?? id).join(', ');
    print(`${t.id}  ${t.name}  scope: ${scope} (${t.level})  maintainers: ${t.maintainers.map((m) => m.email).join(', ') || 'none'}  submissions: ${t.acceptsSubmissions ? 'on' : 'off'}`);
  };

  switch (command) {
    case 'add-team-calendar': {
      const org = orgOf();
      // owner_id must name a person; it is kept only as a record (the team flag keeps it from owner level).
      const people = store.directory.peopleOfOrg(org.id);
      const recorder = people.find((p) => p.is_admin) ?? people[0];
      if (!recorder) throw new RelayError(400, 'usage', `${org.name} has nobody yet: add a person first`);
      const body = createTeamCalendarSchema.safeParse({
        name: need('name'),
        scope: scopeOf(org),
        level: level(),
        maintainerIds: peopleOf(list(values.maintainers)),
        acceptsSubmissions: values.submissions,
      });
      if (!body.success) throw new RelayError(400, 'usage', z.prettifyError(body.error));
      show(createTeamCalendar(ctx, CLI_ACTOR, org.id, recorder.id, body.data));
      return;
    }
    case 'team-scope': {
      const org = calendarOrg();
      if (!values['whole-org'] && list(values.groups).length === 0) throw new RelayError(400, 'usage', 'Name --groups or --whole-org');
      show(setTeamScope(ctx, CLI_ACTOR, need('calendar'), values['whole-org'] ? { kind: 'org' } : scopeOf(org), level()));
      return;
    }
    case 'team-maintainers': {
      calendarOrg();
      if (values.maintainers === undefined) throw new RelayError(400, 'usage', '--maintainers is required (an empty value removes them all)');
      show(setTeamMaintainers(ctx, CLI_ACTOR, need('calendar'), peopleOf(list(values.maintainers))).team);
      return;
    }
    case 'team-submissions': {
      if (values.on === values.off) throw new RelayError(400, 'usage', 'Say --on or --off');
      show(setTeamSubmissions(ctx, CLI_ACTOR, need('calendar'), values.on));
      return;
    }
    case 'list-team-calendars': {
      const teams = listTeamCalendars(ctx, CLI_ACTOR, orgOf().id);
      if (teams.length === 0) print('No team calendars');
      for (const t of teams) show(t);
      return;
    }
  }
}
