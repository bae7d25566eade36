import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultWhat } from '../../src/shared/model/CalendarEvent';
import { groupMap, writeEvent } from '../../src/shared/model/eventDocument';
import { sessionSchema } from '../../src/shared/protocol/api';
import { when } from './support/events';
import { connectClient, waitFor } from './support/relayHarness';

/**
 * Every update a client saw acknowledged (received back from the relay by
 * another client: the relay stores before it broadcasts) survives SIGKILL of
 * the relay process at an arbitrary moment of a stream of writes. Runs the
 * built relay (out/relay/main.mjs) as a child process, as `npm run relay` does.
 */
const root = path.resolve(__dirname, '..', '..');
const bundle = path.join(root, 'out', 'relay', 'main.mjs');

function spawnRelay(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bundle, '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`relay exited (${code}): ${out}`)));
  });
}

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'durable-password' }) });
  return sessionSchema.parse(await res.json()).accessToken;
}

describe('durability', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'buildRelay.mjs')], { cwd: root, stdio: 'pipe' });
    dir = mkdtempSync(path.join(tmpdir(), 'tessera-durable-'));
    execFileSync(process.execPath, [bundle, 'admin', 'add-person', '--data', dir, '--email', 'writer@example.com', '--name', 'Writer', '--password', 'durable-password'], { stdio: 'pipe' });
  }, 30_000);
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  for (const round of [1, 2]) {
    it(`SIGKILL mid-stream loses nothing acknowledged (round ${round})`, async () => {
      const a = await spawnRelay(dir);
      children.push(a.child);
      const syncUrl = a.url.replace('http', 'ws') + '/sync';
      const token = await signIn(a.url, 'writer@example.com');
      const created = await fetch(`${a.url}/api/calendars`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ id: 'durable-calendar', name: 'Durable' }),
      });
      expect([200, 201]).toContain(created.status);
      const room = 'cal/durable-calendar/full';
      const writer = connectClient(syncUrl, room, token);
      const observer = connectClient(syncUrl, room, token);
      await Promise.all([writer.synced, observer.synced]);
      let n = 0;
      let stop = false;
      const pump = (async () => {
        while (!stop) {
          const key = `r${round}-e${n++}`;
          writer.doc.transact(() => writeEvent(writer.doc, key, { when: when(), what: defaultWhat(`Event ${key} `.padEnd(200, 'x')) }));
          await new Promise((r) => setImmediate(r));
        }
      })();
      await waitFor(() => groupMap(observer.doc, 'when').size >= 150 * round, 15_000, 'acknowledged writes');
      // Kill without warning while writes are in flight; what the observer has is what was acknowledged.
      a.child.kill('SIGKILL');
      const acknowledged = [...groupMap(observer.doc, 'when').keys()];
      stop = true;
      await pump;
      // Neither client may resend anything: the new relay must have it from disk.
      writer.destroy();
      observer.destroy();
      await new Promise((r) => a.child.once('exit', r));
      expect(n).toBeGreaterThan(acknowledged.filter((k) => k.startsWith(`r${round}-`)).length);

      const b = await spawnRelay(dir);
      children.push(b.child);
      const token2 = await signIn(b.url, 'writer@example.com');
      const fresh = connectClient(b.url.replace('http', 'ws') + '/sync', room, token2, new Y.Doc());
      await fresh.synced;
      const stored = new Set(groupMap(fresh.doc, 'when').keys());
      const lost = acknowledged.filter((k) => !stored.has(k));
      expect(lost).toEqual([]);
      // The projections caught up on load too.
      const titles = connectClient(b.url.replace('http', 'ws') + '/sync', 'cal/durable-calendar/titles@0', token2, new Y.Doc());
      await titles.synced;
      expect([...groupMap(titles.doc, 'when').keys()].sort()).toEqual([...stored].sort());
      fresh.destroy();
      titles.destroy();
      b.child.kill('SIGTERM');
      await new Promise((r) => b.child.once('exit', r));
    }, 40_000);
  }
});
