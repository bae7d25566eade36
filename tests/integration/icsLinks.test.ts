import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWhat } from '../../src/shared/model/CalendarEvent';
import { groupMap, writeEvent } from '../../src/shared/model/eventDocument';
import { auditListSchema } from '../../src/shared/protocol/api';
import { icsAccessLogSchema, icsLinkListSchema, icsLinkSchema, type IcsLink } from '../../src/shared/protocol/icsLinks';
import { ACCESS_LOG_LIMIT } from '../../src/relay/store/IcsLinkStore';
import { when, writePrivateDetails, writeSample } from './support/events';
import { startTestRelay, waitFor, type SyncClient, type TestRelay } from './support/relayHarness';

/**
 * Published ICS links against a real relay: each level's content (nothing above
 * it, private details never), passwords, expiry, revoke, conditional GET, the
 * access log, who may manage links, and hostile requests.
 */

interface Fetched {
  status: number;
  headers: Headers;
  body: string;
}

describe('published ICS links', () => {
  let t: TestRelay;
  let calendarId: string;
  let owner: string;
  let reviewer: string;
  let stranger: string;
  let admin: string;
  let full: SyncClient;

  const basic = (password: string, user = 'anyone') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  const feed = async (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Fetched> => {
    const res = await fetch(t.relay.url + path, { method, headers: { 'User-Agent': 'TestCalendar/1.0', ...headers } });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  const publish = async (body: Record<string, unknown>, token = owner): Promise<IcsLink> => {
    const r = await t.api('POST', `/api/calendars/${calendarId}/ics-links`, token, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return icsLinkSchema.parse(r.body);
  };

  /** Writes through a real socket and waits until the relay holds it. */
  const writeAndWait = async (key: string, title: string) => {
    full.doc.transact(() => writeEvent(full.doc, key, { when: when('2026-05-04T10:00', '2026-05-04T11:00'), what: defaultWhat(title) }));
    await waitFor(() => {
      const room = t.relay.rooms.peek(`cal/${calendarId}/full`);
      return room !== undefined && groupMap(room.doc, 'what').get(key)?.includes(title) === true;
    });
  };

  beforeAll(async () => {
    // Tests move the clock by hours (expiry, rate limits): tokens must outlive that.
    t = await startTestRelay({ roomIdleMs: 60_000, accessTtlMs: 7 * 24 * 3_600_000 });
    t.org('Test Org', 'none');
    await t.person('owner@example.com', { name: 'Olive Owner' });
    const rev = await t.person('reviewer@example.com');
    await t.person('stranger@example.com');
    await t.person('admin@example.com', { admin: true });
    owner = (await t.signIn('owner@example.com')).accessToken;
    reviewer = (await t.signIn('reviewer@example.com')).accessToken;
    stranger = (await t.signIn('stranger@example.com')).accessToken;
    admin = (await t.signIn('admin@example.com')).accessToken;
    const created = await t.api<{ id: string }>('POST', '/api/calendars', owner, { name: 'Olive work' });
    calendarId = created.body.id;
    expect((await t.api('PUT', `/api/calendars/${calendarId}/grants`, owner, { subject: { kind: 'user', id: rev.id }, level: 'reviewer' })).status).toBe(200);
    full = t.connect(`cal/${calendarId}/full`, owner);
    const priv = t.connect(`cal/${calendarId}/private`, owner);
    await Promise.all([full.synced, priv.synced]);
    writeSample(full.doc);
    writePrivateDetails(priv.doc);
    await waitFor(() => t.relay.rooms.peek(`cal/${calendarId}/full`)?.doc.getMap('when').size === 2 && (t.relay.rooms.peek(`cal/${calendarId}/private`)?.doc.getMap('what').size ?? 0) === 1);
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves each level with nothing above it, and never a private event’s details', async () => {
    const [avail, limited, all] = await Promise.all([publish({ level: 'availability' }), publish({ level: 'limited' }), publish({ level: 'reviewer' })]);
    const bodies = await Promise.all([avail, limited, all].map((l) => feed(l.path!)));
    for (const b of bodies) {
      expect(b.status).toBe(200);
      expect(b.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(b.body).toContain('BEGIN:VCALENDAR');
      expect((b.body.match(/BEGIN:VEVENT/g) ?? []).length).toBe(2);
      // The private event's details live only in the private room: no feed has them.
      for (const secret of ['Doctor', 'Clinic', 'Check-up']) expect(b.body).not.toContain(secret);
      // The owner's reminders would ring on every subscriber's machine.
      expect(b.body).not.toContain('BEGIN:VALARM');
    }
    const [a, l, r] = bodies.map((b) => b.body);
    for (const hidden of ['Board meeting', 'Room 7', 'Quarterly numbers', 'x@example.com', 'Private appointment']) expect(a).not.toContain(hidden);
    expect(a).toContain('Busy');
    expect(l).toContain('Board meeting');
    expect(l).toContain('Room 7');
    expect(l).toContain('Private appointment');
    for (const hidden of ['Quarterly numbers', 'x@example.com', 'CATEGORIES']) expect(l).not.toContain(hidden);
    expect(r).toContain('Board meeting');
    expect(r).toContain('Quarterly numbers');
    expect(r).toContain('x@example.com');
    expect(r).toContain('Private appointment');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const link = await publish({ level: 'limited' });
    const get = await feed(link.path!);
    const head = await feed(link.path!, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(get.body)));
  });

  it('asks for the password with HTTP Basic, any user name, and refuses a wrong one', async () => {
    const link = await publish({ level: 'reviewer', password: 'open sesame' });
    expect(link.hasPassword).toBe(true);
    const missing = await feed(link.path!);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Basic realm="Tessera calendar"/);
    expect(missing.body).not.toContain('Olive');
    const wrong = await feed(link.path!, { Authorization: basic('open says me') });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
    for (const user of ['anyone', '', 'outlook']) {
      const right = await feed(link.path!, { Authorization: basic('open sesame', user) });
      expect(right.status).toBe(200);
      expect(right.body).toContain('Quarterly numbers');
      expect(right.headers.get('cache-control')).toBe('private, no-cache');
    }
    for (const bad of ['Basic', 'Basic !!!', 'Bearer abc', `Basic ${'A'.repeat(5000)}`, basic('x'.repeat(300))]) {
      expect((await feed(link.path!, { Authorization: bad })).status).toBe(401);
    }
  });

  it('limits wrong passwords per address, and a right one after the wait works again', async () => {
    const link = await publish({ level: 'limited', password: 'pa55word' });
    // Earlier tests got passwords wrong from this address too; a right one clears that.
    expect((await feed(link.path!, { Authorization: basic('pa55word') })).status).toBe(200);
    let statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await feed(link.path!, { Authorization: basic(`guess ${i}`) })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await feed(link.path!, { Authorization: basic('pa55word') });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('30');
    t.advance(31_000);
    expect((await feed(link.path!, { Authorization: basic('pa55word') })).status).toBe(200);
    // A right password clears the address's record: wrong ones count from zero again.
    statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await feed(link.path!, { Authorization: basic(`again ${i}`) })).status);
    expect(statuses).toEqual([401, 401, 401]);
    t.advance(10 * 31_000);
  });

  it('answers 410 once a link expires, and refuses an expiry in the past', async () => {
    const now = Date.now();
    const past = await t.api('POST', `/api/calendars/${calendarId}/ics-links`, owner, { level: 'limited', expiresAt: now - 60_000 });
    expect(past.status).toBe(400);
    const link = await publish({ level: 'limited', expiresAt: now + 3_600_000 });
    expect((await feed(link.path!)).status).toBe(200);
    t.advance(3_700_000);
    const gone = await feed(link.path!);
    expect(gone.status).toBe(410);
    expect(gone.body).not.toContain('Olive');
    const listed = icsLinkListSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/ics-links`, owner)).body);
    expect(listed.links.find((l) => l.id === link.id)?.status).toBe('expired');
  });

  it('answers 410 after revoke, 404 for unknown tokens, and audits both changes', async () => {
    const link = await publish({ level: 'availability', password: 'x-secret' });
    expect((await feed(link.path!, { Authorization: basic('x-secret') })).status).toBe(200);
    const revoked = await t.api('DELETE', `/api/calendars/${calendarId}/ics-links/${link.id}`, owner);
    expect(revoked.status).toBe(200);
    expect(icsLinkSchema.parse(revoked.body)).toMatchObject({ status: 'revoked', path: null });
    expect((await feed(link.path!)).status).toBe(410);
    expect((await feed(link.path!, { Authorization: basic('x-secret') })).status).toBe(410);
    // Revoking again changes nothing and is not audited twice.
    expect((await t.api('DELETE', `/api/calendars/${calendarId}/ics-links/${link.id}`, owner)).status).toBe(200);
    const unknown = await feed(`/ics/${'A'.repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).not.toContain('Olive');
    const audit = auditListSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/audit`, owner)).body).entries;
    expect(audit.filter((e) => e.action === 'ics-link.revoke' && e.detail.linkId === link.id)).toHaveLength(1);
    const published = audit.find((e) => e.action === 'ics-link.publish' && e.detail.linkId === link.id);
    expect(published).toMatchObject({ actorName: 'Olive Owner', detail: { level: 'availability', password: true } });
    expect(JSON.stringify(audit)).not.toContain('x-secret');
  });

  it('gives an ETag and Last-Modified, 304 on a match, and a change reaches the feed at once', async () => {
    const link = await publish({ level: 'limited' });
    const first = await feed(link.path!);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);
    const same = await feed(link.path!, { 'If-None-Match': etag });
    expect(same.status).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers.get('etag')).toBe(etag);
    expect((await feed(link.path!, { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
    expect((await feed(link.path!, { 'If-Modified-Since': lastModified })).status).toBe(304);
    // If-None-Match wins over If-Modified-Since (RFC 9110).
    expect((await feed(link.path!, { 'If-None-Match': '"stale"', 'If-Modified-Since': lastModified })).status).toBe(200);
    expect((await feed(link.path!, { 'If-Modified-Since': 'not a date' })).status).toBe(200);

    // A change of something this level does not show keeps the validators.
    full.doc.transact(() => writeEvent(full.doc, 'pub', { rem: [30] }));
    await waitFor(() => t.relay.rooms.peek(`cal/${calendarId}/full`)?.doc.getMap('rem').get('pub') === '[30]');
    expect((await feed(link.path!, { 'If-None-Match': etag })).status).toBe(304);

    await writeAndWait('new-one', 'Launch party');
    const changed = await feed(link.path!, { 'If-None-Match': etag, 'If-Modified-Since': lastModified });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain('Launch party');
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(changed.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(lastModified));
    expect((await feed(link.path!, { 'If-Modified-Since': lastModified })).status).toBe(200);

    // Deleting an event (no new Yjs struct, only a deletion) reaches the feed too.
    full.doc.transact(() => {
      for (const g of ['when', 'what'] as const) groupMap(full.doc, g).delete('new-one');
    });
    await waitFor(() => t.relay.rooms.peek(`cal/${calendarId}/full`)?.doc.getMap('when').has('new-one') === false);
    expect((await feed(link.path!)).body).not.toContain('Launch party');
  });

  it('keeps validators across a restart', async () => {
    const link = await publish({ level: 'reviewer' });
    const before = await feed(link.path!);
    await t.restart();
    owner = (await t.signIn('owner@example.com')).accessToken;
    full = t.connect(`cal/${calendarId}/full`, owner);
    await full.synced;
    const after = await feed(link.path!, { 'If-None-Match': before.headers.get('etag')! });
    expect(after.status).toBe(304);
    expect(after.headers.get('last-modified')).toBe(before.headers.get('last-modified'));
    const listed = icsLinkListSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/ics-links`, owner)).body);
    expect(listed.links.find((l) => l.id === link.id)?.path).toBe(link.path);
  });

  it('writes every fetch to the link’s access log, bounded per link', async () => {
    const link = await publish({ level: 'limited', password: 'logme' });
    await feed(link.path!, { 'User-Agent': 'Microsoft Outlook 16.0' });
    await feed(link.path!, { Authorization: basic('logme'), 'User-Agent': 'Google-Calendar-Importer' });
    const log = icsAccessLogSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/ics-links/${link.id}/access`, owner)).body).entries;
    expect(log.map((e) => [e.status, e.userAgent])).toEqual([
      [200, 'Google-Calendar-Importer'],
      [401, 'Microsoft Outlook 16.0'],
    ]);
    expect(log[0]!.address).toMatch(/127\.0\.0\.1/);
    const listed = icsLinkListSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/ics-links`, owner)).body).links.find((l) => l.id === link.id)!;
    expect(listed.lastAccessAt).toBe(log[0]!.at);
    expect(listed.accessCount).toBe(2);
    // Bounded: the store keeps the newest ACCESS_LOG_LIMIT entries.
    for (let i = 0; i < ACCESS_LOG_LIMIT + 20; i++) t.relay.store.icsLinks.logAccess(link.id, { at: i, address: 'x', user_agent: `ua ${i}`, status: 200 });
    const bounded = t.relay.store.icsLinks.accessLog(link.id);
    expect(bounded).toHaveLength(ACCESS_LOG_LIMIT);
    expect(bounded[0]!.user_agent).toBe(`ua ${ACCESS_LOG_LIMIT + 19}`);
    expect(bounded.at(-1)!.user_agent).toBe('ua 20');
  });

  it('lets only the owner publish; an admin may list and revoke but never sees the URL', async () => {
    const base = `/api/calendars/${calendarId}/ics-links`;
    expect((await t.api('GET', base, reviewer)).status).toBe(403);
    expect((await t.api('POST', base, reviewer, { level: 'reviewer' })).status).toBe(403);
    expect((await t.api('GET', base, stranger)).status).toBe(404);
    expect((await t.api('POST', base, stranger, { level: 'reviewer' })).status).toBe(404);
    expect((await t.api('GET', base, null)).status).toBe(401);
    expect((await t.api('POST', base, admin, { level: 'reviewer' })).status).toBe(403);
    const link = await publish({ level: 'limited' });
    expect((await t.api('DELETE', `${base}/${link.id}`, reviewer)).status).toBe(403);
    expect((await t.api('GET', `${base}/${link.id}/access`, stranger)).status).toBe(404);
    const adminList = icsLinkListSchema.parse((await t.api('GET', base, admin)).body);
    expect(adminList.links.length).toBeGreaterThan(0);
    expect(adminList.links.every((l) => l.path === null)).toBe(true);
    expect((await t.api('DELETE', `${base}/${link.id}`, admin)).status).toBe(200);
    expect((await feed(link.path!)).status).toBe(410);
    expect((await t.api('DELETE', `${base}/nosuchlink`, owner)).status).toBe(404);
    expect((await t.api('GET', `${base}/nosuchlink/access`, owner)).status).toBe(404);
  });

  it('refuses bad bodies with 400', async () => {
    const base = `/api/calendars/${calendarId}/ics-links`;
    for (const body of [{}, { level: 'editor' }, { level: 'owner' }, { level: 'limited', password: '' }, { level: 'limited', password: 'x'.repeat(257) }, { level: 'limited', expiresAt: 'tomorrow' }, { level: 'limited', expiresAt: -5 }]) {
      expect((await t.api('POST', base, owner, body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('answers hostile feed requests without a crash or a leak', async () => {
    for (const path of ['/ics/', '/ics/short.ics', `/ics/${'A'.repeat(42)}.ics`, `/ics/${'A'.repeat(44)}.ics`, `/ics/${'A'.repeat(43)}`, `/ics/${'A'.repeat(42)}%2F.ics`, '/ics/../api/health.ics', `/ics/${'A'.repeat(5000)}.ics`, "/ics/' OR 1=1 --.ics"]) {
      const r = await feed(path);
      expect(r.status, path).toBe(404);
    }
    const link = await publish({ level: 'limited' });
    const post = await fetch(t.relay.url + link.path!, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    // Headers beyond Node's limit never reach the handler.
    const huge = await new Promise<number>((resolve, reject) => {
      const req = request(t.relay.url + link.path!, { headers: { 'X-Huge': 'x'.repeat(40_000) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect([400, 431]).toContain(huge);
    const longAgent = await feed(link.path!, { 'User-Agent': 'u'.repeat(5000), 'If-None-Match': '"x"'.repeat(2000) });
    expect(longAgent.status).toBe(200);
    const entry = icsAccessLogSchema.parse((await t.api('GET', `/api/calendars/${calendarId}/ics-links/${link.id}/access`, owner)).body).entries[0]!;
    expect(entry.userAgent.length).toBe(256);
    expect((await feed('/api/health')).status).toBe(200);
  });

  it('stops every feed of a deleted calendar (404, names nothing)', async () => {
    const created = await t.api<{ id: string }>('POST', '/api/calendars', owner, { name: 'Short-lived' });
    const r = await t.api('POST', `/api/calendars/${created.body.id}/ics-links`, owner, { level: 'reviewer' });
    const link = icsLinkSchema.parse(r.body);
    expect((await feed(link.path!)).status).toBe(200);
    expect((await t.api('DELETE', `/api/calendars/${created.body.id}`, owner)).status).toBe(204);
    expect((await feed(link.path!)).status).toBe(404);
  });
});
