/**
 * The Tessera relay as the benchmark runs it, in the relay-under-test process
 * (serverMain.ts loads this bundle, tesseraEntry.mjs, only where src/relay exists):
 * startRelay on a temporary data directory, plus the one person the benchmark
 * signs in as, added the way the admin CLI adds people (in process, as the CLI
 * actor), so the relay's own HTTP sign-in and websocket auth are what is measured.
 */
import { addPerson } from '../../src/relay/sharing/addPerson';
import { ensureOrg } from '../../src/relay/sharing/ensureOrg';
import { CLI_ACTOR } from '../../src/relay/sharing/SharingContext';
import { startRelay } from '../../src/relay/startRelay';

export const BENCH_PERSON = { email: 'bench-owner@example.com', password: 'bench-password-1', name: 'Bench Owner' };

export async function startBenchRelay(opts: { dataDir: string; host: string; relayOptions?: Record<string, unknown> }) {
  const relay = await startRelay({ dataDir: opts.dataDir, port: 0, host: opts.host, log: (m) => process.stderr.write(`[relay] ${m}\n`), ...opts.relayOptions });
  if (!relay.store.directory.personByEmail(BENCH_PERSON.email)) {
    const org = ensureOrg(relay.sharing, CLI_ACTOR, 'Bench');
    await addPerson(relay.sharing, CLI_ACTOR, org.id, { ...BENCH_PERSON, isAdmin: true });
  }
  return {
    httpUrl: relay.url,
    wsUrl: relay.syncUrl,
    person: BENCH_PERSON,
    /** Documents in memory (a calendar's full, titles and busy rooms count three). */
    loadedRooms: () => [...relay.rooms.loadedRooms()].length,
    isLoaded: (key: string) => relay.rooms.peek(key) !== undefined,
    close: () => relay.close(),
  };
}
