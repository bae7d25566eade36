import { runAdminCommand } from '../../../src/relay/cli/runAdminCommand';
import { openStore } from '../../../src/relay/store/Store';
import type { TestRelay } from './relayHarness';

/**
 * Runs one `admin` CLI command as an operator would: on the running relay's
 * SQLite file through a store of its own (the relay notices the change), and
 * returns the lines it printed.
 */
export async function runCli(t: TestRelay, args: string[]): Promise<string[]> {
  const store = openStore(t.relay.dbPath);
  const lines: string[] = [];
  try {
    await runAdminCommand(store, args, (l) => lines.push(l));
  } finally {
    store.close();
  }
  return lines;
}
