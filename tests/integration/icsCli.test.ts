import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'tests/fixtures/ics');
// Inside the project, so the bundle resolves packages from its node_modules.
const out = path.join(root, '.exp', `ics-cli-${process.pid}`);
mkdirSync(out, { recursive: true });

/** The real command (`node scripts/ics.mjs`, what `npm run ics` runs), in a child process. */
async function ics(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [path.join(root, 'scripts/ics.mjs'), ...args], { cwd: root, env: { ...process.env, TESSERA_CLI_OUT: out } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run ics', () => {
  it('parse prints the normalised events, skipped ones included, as JSON', async () => {
    const r = await ics('parse', path.join(fixtures, 'malformed-bad-dates.ics'));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.events.map((e: { uid: string }) => e.uid)).toEqual(['ok-1', 'ok-2']);
    expect(json.skipped).toHaveLength(7);
    expect(r.stderr).toContain('2 events read, 7 skipped');
  }, 60_000);

  it('expand prints occurrences in the range with UTC instants and local forms', async () => {
    const r = await ics('expand', path.join(fixtures, 'google.ics'), '--from', '2026-03-09T00:00:00Z', '--to', '2026-03-14T00:00:00Z');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const standups = json.occurrences.filter((o: { uid: string }) => o.uid.startsWith('7kq3'));
    expect(standups.map((o: { start: string; startUtc: string }) => [o.start, o.startUtc])).toEqual([
      ['2026-03-11T14:00:00', '2026-03-11T21:00:00.000Z'],
      ['2026-03-13T09:00:00', '2026-03-13T16:00:00.000Z'],
    ]);
  }, 60_000);

  it('fails clearly on a missing file', async () => {
    const r = await ics('parse', path.join(fixtures, 'no-such-file.ics'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot read .*no-such-file\.ics: no such file/);
  }, 60_000);

  it('fails clearly on a file that is not iCalendar', async () => {
    const r = await ics('parse', path.join(fixtures, 'not-ics.txt'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Not an iCalendar file: no BEGIN:VCALENDAR line');
    const empty = path.join(out, 'empty.ics');
    writeFileSync(empty, '');
    expect((await ics('parse', empty)).stderr).toContain('it is empty');
  }, 60_000);

  it('explains usage for a bad command or bad range', async () => {
    expect((await ics('frobnicate', 'x.ics')).code).toBe(2);
    const r = await ics('expand', path.join(fixtures, 'google.ics'), '--from', 'yesterday', '--to', '2026-03-14');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from');
  }, 60_000);
});
