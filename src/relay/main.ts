import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ADMIN_USAGE, runAdminCommand } from './cli/runAdminCommand';
import { createDemo, DEMO_ORG } from './cli/createDemo';
import { RelayError } from './RelayError';
import { DEFAULT_DATA_DIR, resolveDbPath } from './RelayOptions';
import { startRelay } from './startRelay';
import { openStore } from './store/Store';

/**
 * `npm run relay -- [--data dir] [--port n] [--host h] [--web-root dir] [--demo]`
 * `npm run relay -- admin <command> ... [--data dir]`
 */
const USAGE = `usage: npm run relay -- [--data <dir>] [--port <port>] [--host <address>] [--web-root <dir>] [--demo] [--fsync]
       npm run relay -- admin <command> ...   (npm run relay -- admin help)

  --data      data directory holding tessera.sqlite (default ./${DEFAULT_DATA_DIR})
  --port      port (default $TESSERA_PORT or 8787; 0 picks a free one)
  --host      address to listen on (default 127.0.0.1)
  --web-root  serve the built web app from this directory on the same origin
  --demo      create the "${DEMO_ORG}" organisation with people and calendars, and print their sign-ins
  --fsync     fsync every write (survives power cuts; slower)`;

const portSchema = z.coerce.number().int().min(0).max(65_535);

// Exit status 2 is a usage error, 1 a failure while running: scripts/web.mjs and
// scripts/start.mjs pass the relay's status on, so a caller can tell them apart.
function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function admin(argv: string[]): Promise<void> {
  const dataIndex = argv.findIndex((a) => a === '--data' || a.startsWith('--data='));
  let dataDir: string | undefined;
  const rest = [...argv];
  if (dataIndex >= 0) {
    const arg = rest[dataIndex]!;
    if (arg.includes('=')) {
      dataDir = arg.slice('--data='.length);
      rest.splice(dataIndex, 1);
    } else {
      dataDir = rest[dataIndex + 1];
      rest.splice(dataIndex, 2);
    }
    if (!dataDir) fail('--data needs a directory');
  }
  if (rest.length === 0 || rest[0] === 'help' || rest[0] === '--help') {
    console.log(ADMIN_USAGE);
    return;
  }
  const store = openStore(resolveDbPath({ dataDir }));
  try {
    await runAdminCommand(store, rest, (line) => console.log(line));
  } catch (err) {
    if (err instanceof RelayError) fail(err.message, err.status === 400 ? 2 : 1);
    if (err instanceof z.ZodError) fail(err.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('\n'));
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) fail(`${err.message}\n\n${ADMIN_USAGE}`);
    throw err;
  } finally {
    store.close();
  }
}

async function serve(argv: string[]): Promise<void> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'web-root': { type: 'string' },
        demo: { type: 'boolean', default: false },
        fsync: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const portText = values.port ?? process.env.TESSERA_PORT ?? '8787';
  const port = portSchema.safeParse(portText);
  if (!port.success) fail(`Not a port: ${portText}`);
  const relay = await startRelay({
    dataDir: values.data ?? DEFAULT_DATA_DIR,
    port: port.data,
    host: values.host ?? '127.0.0.1',
    webRoot: values['web-root'] ?? null,
    synchronous: values.fsync ? 'full' : 'normal',
  });
  console.log(`Tessera relay listening on ${relay.url} (data: ${relay.dbPath})`);
  console.log(`  sync: ${relay.syncUrl}/<room>   api: ${relay.url}/api`);
  if (values.demo) {
    const demo = await createDemo(relay.sharing, relay.rooms);
    console.log(demo.created ? `Created the demo organisation "${DEMO_ORG}". Sign in with:` : `The demo organisation "${DEMO_ORG}" exists. Sign in with:`);
    for (const p of demo.people) console.log(`  ${p.email.padEnd(28)} ${p.password.padEnd(18)} ${p.name}${p.admin ? ' (admin)' : ''}`);
  }
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // A second Ctrl+C while closing forces the exit: a stuck close must never trap the operator.
      if (stopping) process.exit(1);
      stopping = true;
      void relay.close().then(() => process.exit(0));
    });
  }
}

const argv = process.argv.slice(2);
try {
  if (argv[0] === 'admin') await admin(argv.slice(1));
  else await serve(argv);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err), 1);
}
