import { relayAdmin } from './relayDevices';

/*
 * The people of a test that syncs through the real relay: every spec made its
 * organisation's people the same way (a run suffix, the same password, one
 * CLI call each), so they come from here.
 */

/** Every test person's password: addPerson sets it, tests sign in with it. */
export const PASSWORD = 'correct horse battery staple';

/**
 * The relay's origin (the web app is served by it) and a suffix unique to this
 * run, for organisation names and addresses, so a retry against the same relay
 * starts from nothing.
 */
export function relayRun(baseURL: string): { origin: string; run: string } {
  return { origin: new URL(baseURL).origin, run: `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}` };
}

/** Adds a person with PASSWORD to `org` (the CLI makes the organisation on first use). */
export async function addPerson(org: string, email: string, name: string, options: { admin?: boolean } = {}): Promise<void> {
  await relayAdmin('add-person', '--org', org, '--email', email, '--name', name, '--password', PASSWORD, ...(options.admin ? ['--admin'] : []));
}
