import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportAccount } from '../backup/exportAccount';
import { exportOrg } from '../backup/exportOrg';
import { restoreExport } from '../backup/restoreExport';
import { RelayError } from '../RelayError';
import { cliContext, requiredOption } from './cliOptions';
import { archiveCalendar, restoreCalendar } from '../sharing/archiveCalendar';
import { CLI_ACTOR } from '../sharing/SharingContext';
import type { Store } from '../store/Store';
import { purgeDeletedCalendar } from '../trash/purgeTrash';
import { restoreDeletedCalendar } from '../trash/restoreDeletedCalendar';

export const ARCHIVE_USAGE = `  archive --calendar <id>                               read-only and hidden, restorable
  unarchive --calendar <id>
  trash [--org <name>]                                  deleted calendars (restorable for 30 days)
  restore-deleted --calendar <id>
  purge --calendar <id>                                 delete a calendar in the trash for good now
  export (--org <name> | --email <e>) --out <file>      one file: organisation or account
  restore --file <file>                                 all or nothing; existing ids are kept`;

const COMMANDS = new Set(['archive', 'unarchive', 'trash', 'restore-deleted', 'purge', 'export', 'restore']);

export function isArchiveCommand(command: string | undefined): boolean {
  return command !== undefined && COMMANDS.has(command);
}

/** Archive, trash, export and restore from the command line; audited as the CLI administrator. */
export function runArchiveCommand(store: Store, command: string, args: string[], print: (line: string) => void): void {
  const { values } = parseArgs({ args, options: { calendar: { type: 'string' }, org: { type: 'string' }, email: { type: 'string' }, out: { type: 'string' }, file: { type: 'string' } }, strict: true });
  const ctx = cliContext(store);
  const need = (name: keyof typeof values): string => requiredOption(values, name, command);
  switch (command) {
    case 'archive':
      print(`Archived ${archiveCalendar(ctx, CLI_ACTOR, need('calendar')).name}`);
      return;
    case 'unarchive':
      print(`Restored ${restoreCalendar(ctx, CLI_ACTOR, need('calendar')).name} from the archive`);
      return;
    case 'trash': {
      const orgs = values.org ? [store.directory.orgByName(values.org)] : store.directory.orgs();
      for (const org of orgs) {
        if (!org) throw new RelayError(404, 'not_found', `No organisation named ${values.org ?? ''}`);
        for (const row of store.trash.calendarsOfOrg(org.id)) print(`${row.calendar_id}  ${row.name}  owner: ${row.owner_id}  deleted ${new Date(row.deleted_at).toISOString()}  (${org.name})`);
      }
      return;
    }
    case 'restore-deleted': {
      const id = need('calendar');
      restoreDeletedCalendar(ctx, CLI_ACTOR, id);
      print(`Restored calendar ${id} with its shares`);
      return;
    }
    case 'purge': {
      const id = need('calendar');
      if (!purgeDeletedCalendar(store, id, CLI_ACTOR, Date.now())) throw new RelayError(404, 'not_found', `Calendar ${id} is not in the trash; nothing was purged`);
      print(`Purged calendar ${id}: it can only come back from an export file`);
      return;
    }
    case 'export': {
      const out = need('out');
      let file;
      if (values.email) {
        const person = store.directory.personByEmail(values.email);
        if (!person) throw new RelayError(404, 'not_found', `No person with email ${values.email}`);
        file = exportAccount(store, person.id, Date.now());
      } else {
        const org = store.directory.orgByName(need('org'));
        if (!org) throw new RelayError(404, 'not_found', `No organisation named ${values.org ?? ''}`);
        file = exportOrg(store, org.id, Date.now());
      }
      writeFileSync(out, JSON.stringify(file), { mode: 0o600 });
      store.audit.record({ orgId: file.body.org.id, actorId: CLI_ACTOR.id, actorName: CLI_ACTOR.name, action: `export.${file.body.kind}`, calendarId: null, subject: file.body.accountId ? `user:${file.body.accountId}` : `org:${file.body.org.id}`, detail: { calendars: file.body.calendars.length, file: out } }, Date.now());
      print(`Exported ${file.body.kind === 'org' ? `organisation ${file.body.org.name}` : file.body.people[0]?.email ?? ''}: ${file.body.calendars.length} calendar(s), ${file.body.people.length} person(s) to ${out}`);
      return;
    }
    case 'restore': {
      const path = need('file');
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (err) {
        throw new RelayError(400, 'export_damaged', `Cannot read ${path} as JSON (${err instanceof Error ? err.message : String(err)}); nothing was restored`);
      }
      const report = restoreExport(ctx, CLI_ACTOR, raw);
      print(`Restored ${report.kind} export: ${report.calendarsRestored.length} calendar(s) restored, ${report.calendarsSkipped.length} already present, ${report.peopleCreated} person(s) and ${report.groupsCreated} group(s) created, ${report.grantsRestored} share(s) restored, ${report.grantsDropped} dropped`);
      const cut = report.policyCutBack;
      if (cut.grantsLowered + cut.grantsLeftOut + cut.linksRevoked > 0) print(`Cut by this organisation's policies: ${cut.grantsLowered} external share(s) lowered, ${cut.grantsLeftOut} left out, ${cut.linksRevoked} ICS link(s) restored revoked`);
      if (report.peopleWithoutPassword.length > 0) print(`Without a password (set one before they can sign in): ${report.peopleWithoutPassword.join(', ')}`);
      return;
    }
    default:
      throw new RelayError(400, 'usage', `Unknown command ${command}`);
  }
}
