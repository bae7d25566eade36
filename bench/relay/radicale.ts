import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Radicale (Debian's package) as the CalDAV peer of the replication benchmark:
 * loopback only, a temporary storage folder, no authentication.
 */

export function radicaleVersion(): string | null {
  try {
    const r = spawnSync('radicale', ['--version'], { encoding: 'utf8', timeout: 20_000 });
    return r.status === 0 ? r.stdout.trim() : null;
  } catch {
    return null;
  }
}

export function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

export interface Radicale {
  base: string;
  /** The calendar collection's URL. */
  calendarUrl: string;
  storeDir: string;
  stop(): Promise<void>;
}

const AUTH = `Basic ${Buffer.from('bench:bench').toString('base64')}`;

export async function startRadicale(dir: string, port: number, log: (s: string) => void): Promise<Radicale> {
  const storeDir = join(dir, 'store');
  await mkdir(storeDir, { recursive: true });
  const configFile = join(dir, 'config');
  // Its own config file, so /etc/radicale/config (htpasswd auth, /var/lib storage) does not apply.
  await writeFile(
    configFile,
    ['[server]', `hosts = 127.0.0.1:${port}`, 'max_content_length = 1000000000', 'timeout = 600', '[auth]', 'type = none', '[rights]', 'type = owner_only', '[storage]', `filesystem_folder = ${storeDir}`, '[web]', 'type = none', '[logging]', 'level = warning', ''].join('\n'),
  );
  const child: ChildProcess = spawn('radicale', ['-C', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`radicale exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/`, { method: 'OPTIONS', headers: { authorization: AUTH } });
      await res.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('radicale did not start in 30 s');
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  return {
    base,
    calendarUrl: `${base}/bench/calendar/`,
    storeDir,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

/** Uploads a whole calendar with one PUT to the collection (Radicale splits it into one item per UID). */
export async function uploadCalendar(r: Radicale, ics: string): Promise<number> {
  const res = await fetch(r.calendarUrl, { method: 'PUT', headers: { authorization: AUTH, 'content-type': 'text/calendar; charset=utf-8' }, body: ics });
  const body = await res.text();
  if (!res.ok) throw new Error(`radicale PUT ${res.status}: ${body.slice(0, 300)}`);
  return res.status;
}

const QUERY = `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>
</C:calendar-query>`;

/** One CalDAV REPORT (calendar-query, every VEVENT with its data), timed to the last byte. */
export async function reportAll(r: Radicale): Promise<{ ms: number; bytes: number; body: string; status: number }> {
  const t0 = performance.now();
  const res = await fetch(r.calendarUrl, { method: 'REPORT', headers: { authorization: AUTH, depth: '1', 'content-type': 'application/xml; charset=utf-8' }, body: QUERY });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 207) throw new Error(`radicale REPORT ${res.status}: ${body.slice(0, 300)}`);
  return { ms, bytes: Buffer.byteLength(body), body, status: res.status };
}

/** Drops Radicale's on-disk item cache, so the next read parses every item again. */
export async function dropCache(r: Radicale): Promise<void> {
  await rm(join(r.storeDir, 'collection-root', 'bench', 'calendar', '.Radicale.cache'), { recursive: true, force: true });
}

/** The calendar-data of every response in a multistatus body, XML-unescaped. */
export function calendarDataOf(body: string): string[] {
  const out: string[] = [];
  const re = /<(?:[A-Za-z]+:)?calendar-data[^>]*>([\s\S]*?)<\/(?:[A-Za-z]+:)?calendar-data>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out.push(unescapeXml(m[1]!));
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}
