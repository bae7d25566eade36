#!/usr/bin/env node
// `npm start`: the desktop app with an embedded relay, no configuration. Starts
// the relay (./tessera-data, 127.0.0.1:8787, or TESSERA_PORT) unless one already
// answers there, then electron-vite's dev mode with TESSERA_RELAY_URL pointing
// at it, so Settings offers it for sign-in. The relay is a separate Node
// process because its SQLite driver is built for Node, not for Electron's ABI.
//
//   npm start -- [--demo]        (--demo also creates the demo organisation)
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildRelay } from './buildRelay.mjs';

const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } }, strict: true });
const port = Number(process.env.TESSERA_PORT ?? 8787);
const relayUrl = `http://127.0.0.1:${port}`;

async function relayAnswers() {
  try {
    const res = await fetch(`${relayUrl}/api/health`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

const children = [];
if (await relayAnswers()) {
  console.log(`Using the relay already running at ${relayUrl}`);
} else {
  const bundle = await buildRelay();
  const args = [bundle, '--port', String(port), '--data', 'tessera-data'];
  if (values.demo) args.push('--demo');
  const relay = spawn(process.execPath, args, { stdio: 'inherit' });
  children.push(relay);
  relay.on('exit', (code) => {
    if (code) console.error(`The relay stopped (exit ${code}); the app keeps working offline.`);
  });
  for (let i = 0; i < 50 && !(await relayAnswers()); i++) await new Promise((r) => setTimeout(r, 100));
}

const app = spawn('npx', ['electron-vite', 'dev'], { stdio: 'inherit', env: { ...process.env, TESSERA_RELAY_URL: relayUrl } });
children.push(app);
const stop = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
app.on('exit', (code) => {
  stop('SIGTERM');
  process.exit(code ?? 0);
});
