#!/usr/bin/env node
// Builds the renderer as a plain web app (vite.web.config.ts -> dist-web/) and
// serves it from an embedded relay on one origin: the relay's HTTP API and
// websockets and the app share 127.0.0.1:<port>, so the web client signs in
// to "this address" with no configuration, and its data lives in one SQLite
// file (--data, default ./tessera-data). The relay sends the page's own
// Content-Security-Policy as a header (read from the built index.html).
//
//   npm run web -- [--port 5173] [--host 127.0.0.1] [--data dir] [--fresh] [--demo] [--no-build]
//
// --no-build serves dist-web as it is (the browser tests build it first);
// --fresh deletes the data directory first (tests start from nothing);
// --demo creates the demo organisation and prints its sign-ins.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildRelay } from './buildRelay.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.resolve(projectRoot, process.env.TESSERA_WEB_DIST ?? 'dist-web');

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/web.mjs [--port <port>] [--host <address>] [--data <dir>] [--fresh] [--demo] [--no-build]');
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: 'tessera-data' },
      fresh: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  usage(err.message);
}
if (args.help) usage();
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) usage(`Not a port: ${args.port}`);

if (!args['no-build']) {
  // Always build: a fresh build takes seconds and can never serve stale code.
  console.log('Building the web client into dist-web/ ...');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'vite.web.config.ts'), logLevel: 'warn' });
}
if (!existsSync(path.join(distDir, 'index.html'))) {
  console.error(`No web build in ${distDir}. Run \`npm run build:web\`, or drop --no-build.`);
  process.exit(1);
}

const bundle = await buildRelay();
const dataDir = path.resolve(args.data);
if (args.fresh) rmSync(dataDir, { recursive: true, force: true });

const relayArgs = [bundle, '--port', String(port), '--host', args.host, '--web-root', distDir, '--data', dataDir];
if (args.demo) relayArgs.push('--demo');
// A child process, so a signal to this script reaches the relay and its exit
// code (a port in use, a damaged data file) becomes ours.
const relay = spawn(process.execPath, relayArgs, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
