import { parseArgs } from 'node:util';
import { z } from 'zod';
import { removeMember } from '../accounts/removeMember';
import { setAppPasswordsAllowed } from '../accounts/setAppPasswordsAllowed';
import { transferCalendar } from '../accounts/transferCalendar';
import { createSharedAddress } from '../accounts/createSharedAddress';
import { changeSharedAddressMember } from '../accounts/changeSharedAddressMember';
import { changeSharedAddressAlias } from '../accounts/changeSharedAddressAlias';
import { toSharedAddress } from '../accounts/toSharedAddress';
import { RelayError } from '../RelayError';
import { cliContext, orgOption, requiredOption } from './cliOptions';
import { CLI_ACTOR } from '../sharing/SharingContext';
import type { OrgRow, PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';

export const ACCOUNT_COMMANDS = [
  'app-passwords',
  'remove-person',
  'transfer-calendar',
  'orphaned-calendars',
  'add-shared-address',
  'list-shared-addresses',
  'add-address-member',
  'remove-address-member',
  'add-alias',
  'remove-alias',
] as const;
export type AccountCommand = (typeof ACCOUNT_COMMANDS)[number];

export const ACCOUNT_USAGE = `  app-passwords (--on | --off) [--org <name>]            off revokes every app password at once
  remove-person --email <e>                               ends sessions, app passwords, received shares
  orphaned-calendars [--org <name>]                       calendars of removed people
  transfer-calendar --calendar <id> --to <email>
  add-shared-address --email <e> --name <n> [--org <name>]
  list-shared-addresses [--org <name>]
  add-address-member | remove-address-member --address <e> --email <e>
  add-alias | remove-alias --address <e> --alias <e>      at most 5 aliases`;

const email = z.string().trim().toLowerCase().email().max(320);

export function isAccountCommand(command: string | undefined): command is AccountCommand {
  return (ACCOUNT_COMMANDS as readonly string[]).includes(command ?? '');
}

/** Issue 6 account commands (app passwords switch, removing people, shared addresses). Audited as the CLI. */
export function runAccountCommand(store: Store, command: AccountCommand, argv: string[], print: (line: string) => void): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      on: { type: 'boolean', default: false },
      off: { type: 'boolean', default: false },
      email: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      calendar: { type: 'string' },
      to: { type: 'string' },
      address: { type: 'string' },
      alias: { type: 'string' },
    },
    strict: true,
  });
  const ctx = cliContext(store);
  const need = (name: keyof typeof values): string => requiredOption(values, name, command);
  const personOf = (e: string): PersonRow => {
    const p = store.directory.personByEmail(e);
    if (!p) throw new RelayError(404, 'not_found', `No person with email ${e}`);
    return p;
  };
  const args = {
    orgOf: (): OrgRow => orgOption(store, values.org),
  };
  const addressOf = () => {
    const p = personOf(email.parse(need('address')));
    if (!ctx.store.sharedAddresses.isSharedAddress(p.id)) throw new RelayError(404, 'not_found', `${p.email} is not a shared address`);
    return p;
  };
  switch (command) {
    case 'app-passwords': {
      if (values.on === values.off) throw new RelayError(400, 'usage', 'app-passwords needs --on or --off');
      const org = args.orgOf();
      const r = setAppPasswordsAllowed(ctx, CLI_ACTOR, org.id, values.on === true);
      print(`${org.name}: app passwords ${r.allowed ? 'allowed' : `switched off, revoked ${r.revoked}`}`);
      return;
    }
    case 'remove-person': {
      const p = personOf(need('email'));
      const r = removeMember(ctx, CLI_ACTOR, p.id);
      print(`Removed ${p.email}: ${r.sessionsEnded} sessions ended, ${r.appPasswordsRevoked} app passwords revoked, ${r.sharesRemoved} shares removed; calendars kept for an admin: ${r.calendarsKept.join(', ') || '-'}`);
      return;
    }
    case 'orphaned-calendars': {
      const org = args.orgOf();
      for (const c of ctx.store.removedPeople.orphanedCalendars(org.id)) {
        print(`${c.id}  ${c.name}  owner (removed): ${ctx.store.directory.person(c.owner_id)?.email ?? c.owner_id}${ctx.store.archive.isArchived(c.id) ? '  [archived]' : ''}`);
      }
      return;
    }
    case 'transfer-calendar': {
      const to = personOf(need('to'));
      const c = transferCalendar(ctx, CLI_ACTOR, need('calendar'), to.id);
      print(`Calendar ${c.id} (${c.name}) now owned by ${to.email}`);
      return;
    }
    case 'add-shared-address': {
      const org = args.orgOf();
      const body = z.object({ email, name: z.string().trim().min(1).max(200) }).parse({ email: need('email'), name: need('name') });
      const a = createSharedAddress(ctx, CLI_ACTOR, org.id, body);
      print(`Added shared address ${a.email} (${a.id}) with calendar ${a.calendarId}`);
      return;
    }
    case 'list-shared-addresses': {
      const org = args.orgOf();
      for (const row of ctx.store.sharedAddresses.ofOrg(org.id)) {
        const a = toSharedAddress(ctx.store, row);
        const members = a.members.map((m) => ctx.store.directory.person(m)?.email ?? m);
        print(`${a.id}  ${a.email}  ${a.name}  calendar ${a.calendarId}  members: ${members.join(', ') || '-'}  aliases: ${a.aliases.join(', ') || '-'}`);
      }
      return;
    }
    case 'add-address-member':
    case 'remove-address-member': {
      const address = addressOf();
      const p = personOf(need('email'));
      changeSharedAddressMember(ctx, CLI_ACTOR, address.id, p.id, command === 'add-address-member');
      print(`${command === 'add-address-member' ? 'Added' : 'Removed'} ${p.email} ${command === 'add-address-member' ? 'to' : 'from'} ${address.email}`);
      return;
    }
    case 'add-alias':
    case 'remove-alias': {
      const address = addressOf();
      const alias = email.parse(need('alias'));
      const a = changeSharedAddressAlias(ctx, CLI_ACTOR, address.id, alias, command === 'add-alias');
      print(`${a.email} aliases: ${a.aliases.join(', ') || '-'}`);
      return;
    }
  }
}
