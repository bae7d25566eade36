import { AccessReader } from '../access/AccessReader';
import { DEFAULT_SCRYPT_COST } from '../auth/hashPassword';
import { RelayError } from '../RelayError';
import { NO_EFFECTS } from '../sharing/AccessEffects';
import type { SharingContext } from '../sharing/SharingContext';
import type { OrgRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';

/*
 * What every `admin` sub-command (runAdminCommand, runAccountCommand,
 * runTeamCommand, runArchiveCommand) needs from its arguments, in one place so
 * they agree on messages and on how an organisation is picked.
 */

/** The CLI only writes the store: a running relay notices the change and updates inboxes and sockets itself. */
export function cliContext(store: Store): SharingContext {
  return { store, reader: new AccessReader(store), effects: NO_EFFECTS, now: Date.now, passwordCost: DEFAULT_SCRYPT_COST };
}

/** An option the command cannot go without, trimmed; a usage error names it. */
export function requiredOption(values: Readonly<Record<string, unknown>>, name: string, command: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new RelayError(400, 'usage', `--${name} is required for ${command}`);
  return v.trim();
}

/**
 * The organisation `--org` names, or the only one there is. `create` (add-person)
 * makes the named one, or a first one, instead of refusing.
 */
export function orgOption(store: Store, name: string | undefined, create?: (name: string) => OrgRow): OrgRow {
  if (name) {
    const org = store.directory.orgByName(name);
    if (org) return org;
    if (create) return create(name);
    throw new RelayError(404, 'not_found', `No organisation named ${name}`);
  }
  const orgs = store.directory.orgs();
  if (orgs.length === 1) return orgs[0]!;
  if (orgs.length === 0 && create) return create('My Organization');
  throw new RelayError(400, 'usage', orgs.length === 0 ? 'No organisation yet: add a person first' : `Several organisations: name one with --org (${orgs.map((o) => o.name).join(', ')})`);
}
