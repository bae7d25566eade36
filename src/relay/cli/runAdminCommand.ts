import { parseArgs } from 'node:util';
import { z } from 'zod';
import { permissionLevelSchema } from '../../shared/permissions/PermissionLevel';
import { RelayError } from '../RelayError';
import { cliContext, orgOption, requiredOption } from './cliOptions';
import { addGroup } from '../sharing/addGroup';
import { addPerson } from '../sharing/addPerson';
import { changeMembership } from '../sharing/changeMembership';
import { directoryOf } from '../sharing/directoryOf';
import { ensureOrg } from '../sharing/ensureOrg';
import { putGrant } from '../sharing/putGrant';
import { rebuildProjections } from '../sharing/rebuildProjections';
import { REVIEW_USAGE, runReviewCommand } from './runReviewCommand';
import { ACCOUNT_USAGE, isAccountCommand, runAccountCommand } from './runAccountCommand';
import { isTeamCommand, runTeamCommand, TEAM_USAGE } from './runTeamCommand';
import { ARCHIVE_USAGE, isArchiveCommand, runArchiveCommand } from './runArchiveCommand';
import { setCalendarDefault } from '../sharing/setCalendarDefault';
import { setOrgDefault } from '../sharing/setOrgDefault';
import { CLI_ACTOR } from '../sharing/SharingContext';
import type { OrgRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';

export const ADMIN_USAGE = `usage: npm run relay -- admin <command> [options] [--data <dir>]

  add-person --email <e> --name <n> --password <p> [--admin] [--org <name>]
  add-group --name <n> [--org <name>]
  add-member --group <name|id> --email <e> [--org <name>]
  remove-member --group <name|id> --email <e> [--org <name>]
  set-default --level <level> [--org <name>]             organisation default
  set-default --level <level|follow> --calendar <id>     one calendar's default
  share --calendar <id> (--email <e> | --group <name|id>) --level <level> [--sees-private]
  list-people [--org <name>]
  list-groups [--org <name>]
  list-calendars [--org <name>]
  audit [--calendar <id>] [--limit <n>]
  rebuild-projections --calendar <id>
${REVIEW_USAGE}
${TEAM_USAGE}
${ARCHIVE_USAGE}
${ACCOUNT_USAGE}

Levels: none, availability, limited, reviewer, editor, delegate.
A running relay picks the changes up within a second and applies them to open connections.`;

const levelArg = permissionLevelSchema.exclude(['owner']);

/** Runs one admin command against the data file; returns what to print. Throws RelayError for refusals. */
export async function runAdminCommand(store: Store, argv: string[], print: (line: string) => void): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== undefined && isArchiveCommand(command)) {
    runArchiveCommand(store, command, rest, print);
    return;
  }
  if (isAccountCommand(command)) {
    runAccountCommand(store, command, rest, print);
    return;
  }
  if (isTeamCommand(command)) {
    runTeamCommand(store, command, rest, print);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'boolean', default: false },
      org: { type: 'string' },
      group: { type: 'string' },
      level: { type: 'string' },
      calendar: { type: 'string' },
      limit: { type: 'string' },
      'sees-private': { type: 'boolean', default: false },
      person: { type: 'string' },
      external: { type: 'boolean', default: false },
      'new-calendar-level': { type: 'string' },
      'external-max': { type: 'string' },
      'ics-max': { type: 'string' },
    },
    strict: true,
  });
  const ctx = cliContext(store);
  const need = (name: keyof typeof values): string => requiredOption(values, name, command ?? '');
  const orgOf = (create: boolean): OrgRow => orgOption(store, values.org, create ? (name) => ensureOrg(ctx, CLI_ACTOR, name) : undefined);
  const groupOf = (org: OrgRow, ref: string) => {
    const g = store.directory.groupByName(org.id, ref) ?? store.directory.group(ref);
    if (!g || g.org_id !== org.id) throw new RelayError(404, 'not_found', `No group ${ref} in ${org.name}`);
    return g;
  };
  const personOf = (email: string) => {
    const p = store.directory.personByEmail(email);
    if (!p) throw new RelayError(404, 'not_found', `No person with email ${email}`);
    return p;
  };

  switch (command) {
    case 'add-person': {
      const org = orgOf(true);
      const body = z
        .object({ email: z.string().trim().toLowerCase().email(), name: z.string().trim().min(1).max(200), password: z.string().min(8).max(1024) })
        .parse({ email: need('email'), name: need('name'), password: values.password });
      const p = await addPerson(ctx, CLI_ACTOR, org.id, { ...body, isAdmin: values.admin === true });
      print(`Added ${p.name} <${p.email}> (${p.id}) to ${org.name}${values.admin ? ' as an administrator' : ''}`);
      return;
    }
    case 'add-group': {
      const org = orgOf(true);
      const g = addGroup(ctx, CLI_ACTOR, org.id, need('name'));
      print(`Added group ${g.name} (${g.id}) to ${org.name}`);
      return;
    }
    case 'add-member':
    case 'remove-member': {
      const org = orgOf(false);
      const g = groupOf(org, need('group'));
      const p = personOf(need('email'));
      changeMembership(ctx, CLI_ACTOR, g.id, p.id, command === 'add-member');
      print(`${command === 'add-member' ? 'Added' : 'Removed'} ${p.email} ${command === 'add-member' ? 'to' : 'from'} ${g.name}`);
      return;
    }
    case 'set-default': {
      const raw = need('level');
      if (values.calendar) {
        const level = raw === 'follow' ? null : permissionLevelSchema.exclude(['owner', 'delegate']).parse(raw);
        setCalendarDefault(ctx, CLI_ACTOR, values.calendar, level);
        print(`Calendar ${values.calendar}: default ${level ?? 'follows the organisation'}`);
      } else {
        const org = orgOf(false);
        const level = permissionLevelSchema.exclude(['owner', 'delegate']).parse(raw);
        setOrgDefault(ctx, CLI_ACTOR, org.id, level);
        print(`${org.name}: default level ${level}`);
      }
      return;
    }
    case 'share': {
      const calendarId = need('calendar');
      const level = levelArg.parse(need('level'));
      const calendar = store.sharing.calendar(calendarId);
      if (!calendar) throw new RelayError(404, 'not_found', `No calendar ${calendarId}`);
      const subject = values.group
        ? { kind: 'group' as const, id: groupOf(store.directory.org(calendar.org_id)!, values.group).id }
        : { kind: 'user' as const, id: personOf(need('email')).id };
      putGrant(ctx, CLI_ACTOR, calendarId, { subject, level, seesPrivate: values['sees-private'] === true });
      print(`Calendar ${calendarId}: ${subject.kind} ${subject.id} now ${level}`);
      return;
    }
    case 'list-people': {
      const org = orgOf(false);
      const dir = directoryOf(store, org.id);
      const groupName = new Map(dir.groups.map((g) => [g.id, g.name]));
      for (const p of dir.people) {
        const row = store.directory.person(p.id);
        print(`${p.id}  ${p.email}  ${p.name}${row?.is_admin ? '  [admin]' : ''}  groups: ${p.groups.map((g) => groupName.get(g)).join(', ') || '-'}`);
      }
      print(`${dir.people.length} people in ${org.name}; organisation default: ${dir.orgDefaultLevel}`);
      return;
    }
    case 'list-groups': {
      const org = orgOf(false);
      const dir = directoryOf(store, org.id);
      const email = new Map(dir.people.map((p) => [p.id, p.email]));
      for (const g of dir.groups) print(`${g.id}  ${g.name}  members: ${g.members.map((m) => email.get(m)).join(', ') || '-'}`);
      return;
    }
    case 'list-calendars': {
      const org = orgOf(false);
      for (const c of store.sharing.calendarsOfOrg(org.id)) {
        const owner = store.directory.person(c.owner_id);
        print(`${c.id}  ${c.name}  owner: ${owner?.email ?? c.owner_id}  default: ${c.default_level ?? 'org'}  epochs: titles@${c.titles_epoch} busy@${c.busy_epoch}`);
      }
      return;
    }
    case 'audit': {
      const limit = values.limit ? z.coerce.number().int().min(1).max(10_000).parse(values.limit) : 100;
      const entries = values.calendar ? store.audit.forCalendar(values.calendar, limit) : store.audit.all(limit);
      for (const e of entries.reverse()) {
        print(`${new Date(e.at).toISOString()}  ${e.actorName} (${e.actorId})  ${e.action}${e.calendarId ? `  calendar ${e.calendarId}` : ''}${e.subject ? `  ${e.subject}` : ''}  ${JSON.stringify(e.detail)}`);
      }
      return;
    }
    case 'rebuild-projections': {
      const epochs = rebuildProjections(ctx, CLI_ACTOR, need('calendar'));
      print(`Projections rebuilt: titles@${epochs.titles}, busy@${epochs.busy}`);
      return;
    }
    case 'policy':
    case 'shares':
    case 'revoke-share':
      runReviewCommand(
        ctx,
        command,
        {
          values,
          orgOf: () => orgOf(false),
          need: (name) => need(name as keyof typeof values),
          subjectOf: (org) => (values.group ? { kind: 'group', id: groupOf(org, values.group).id } : { kind: 'user', id: personOf(need('email')).id }),
        },
        print,
      );
      return;
    default:
      throw new RelayError(400, 'usage', command ? `Unknown command ${command}\n\n${ADMIN_USAGE}` : ADMIN_USAGE);
  }
}
