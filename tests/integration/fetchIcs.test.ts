import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchIcsResultSchema } from '../../src/shared/ipc/fetchIcs';
import { startTestRelay, type TestRelay } from './support/relayHarness';

/*
 * GET /api/fetch-ics against real relays: one as deployed (refuses this
 * machine's and private addresses), one started with fetchIcsAllowPrivate and
 * small limits so a feed server on 127.0.0.1 can test the limits.
 */

const FEED = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n';
const ETAG = '"v1"';
const LAST_MODIFIED = 'Wed, 01 Jan 2030 00:00:00 GMT';

let feed: Server;
let feedBase: string;
let open: TestRelay;
let locked: TestRelay;
let openToken: string;
let lockedToken: string;

beforeAll(async () => {
  feed = createServer((req, res) => {
    switch (req.url) {
      case '/ok.ics':
        if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { ETag: ETAG }).end();
        return void res.writeHead(200, { 'Content-Type': 'text/calendar', ETag: ETAG, 'Last-Modified': LAST_MODIFIED }).end(FEED);
      case '/dated.ics':
        if (req.headers['if-modified-since'] === LAST_MODIFIED) return void res.writeHead(304).end();
        return void res.writeHead(200, { 'Last-Modified': LAST_MODIFIED }).end(FEED);
      case '/big.ics':
        // No Content-Length: the limit must hold while reading, not only on the header.
        res.writeHead(200, { 'Content-Type': 'text/calendar' });
        res.write('x'.repeat(3_000));
        return void res.end('x'.repeat(3_000));
      case '/declared-big.ics':
        return void res.writeHead(200, { 'Content-Length': '999999' }).end();
      case '/slow.ics':
        // Never answers; the relay gives up at its time limit.
        return;
      case '/moved':
        return void res.writeHead(302, { Location: '/ok.ics' }).end();
      case '/loop':
        return void res.writeHead(302, { Location: '/loop' }).end();
      case '/to-ftp':
        return void res.writeHead(302, { Location: 'ftp://example.org/x.ics' }).end();
      case '/broken':
        return void res.writeHead(500).end('oops');
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedBase = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
  open = await startTestRelay({ fetchIcsAllowPrivate: true, fetchIcsMaxBytes: 4096, fetchIcsTimeoutMs: 500 });
  locked = await startTestRelay();
  await open.person('ann@example.org');
  await locked.person('bob@example.org');
  openToken = (await open.signIn('ann@example.org')).accessToken;
  lockedToken = (await locked.signIn('bob@example.org')).accessToken;
});

afterAll(async () => {
  feed.closeAllConnections();
  feed.close();
  await open.close();
  await locked.close();
});

const q = (url: string, extra: Record<string, string> = {}) => `/api/fetch-ics?${new URLSearchParams({ url, ...extra }).toString()}`;

async function fetchVia(relay: TestRelay, token: string, url: string, extra: Record<string, string> = {}) {
  const r = await relay.api('GET', q(url, extra), token);
  return { status: r.status, body: r.body as Record<string, unknown> };
}

describe('GET /api/fetch-ics', () => {
  it('is for signed-in people only', async () => {
    expect((await open.api('GET', q(`${feedBase}/ok.ics`), null)).status).toBe(401);
    expect((await open.api('GET', q(`${feedBase}/ok.ics`), 'not-a-token')).status).toBe(401);
  });

  it('fetches a feed and passes its ETag and Last-Modified through', async () => {
    const r = await fetchVia(open, openToken, `${feedBase}/ok.ics`);
    expect(r.status).toBe(200);
    expect(fetchIcsResultSchema.parse(r.body)).toEqual({ status: 'ok', text: FEED, etag: ETAG, lastModified: LAST_MODIFIED });
  });

  it('makes a conditional GET with the validators given (query or headers)', async () => {
    expect((await fetchVia(open, openToken, `${feedBase}/ok.ics`, { etag: ETAG })).body).toEqual({ status: 'not-modified' });
    expect((await fetchVia(open, openToken, `${feedBase}/dated.ics`, { lastModified: LAST_MODIFIED })).body).toEqual({ status: 'not-modified' });
    const res = await fetch(open.relay.url + q(`${feedBase}/ok.ics`), { headers: { Authorization: `Bearer ${openToken}`, 'If-None-Match': ETAG } });
    expect(await res.json()).toEqual({ status: 'not-modified' });
  });

  it('reads webcal: as https: and follows redirects', async () => {
    expect((await fetchVia(open, openToken, `${feedBase}/moved`)).body).toMatchObject({ status: 'ok', text: FEED });
    // webcal://127.0.0.1:<port> becomes https://, which this plain-http server cannot speak: an error, not a refusal.
    expect((await fetchVia(open, openToken, `${feedBase.replace('http:', 'webcal:')}/ok.ics`)).body).toMatchObject({ status: 'error' });
    expect((await fetchVia(open, openToken, `${feedBase}/loop`)).body).toEqual({ status: 'error', message: 'The address redirects too many times.' });
    expect((await fetchVia(open, openToken, `${feedBase}/to-ftp`)).status).toBe(400);
  });

  it('keeps to its size and time limits', async () => {
    expect((await fetchVia(open, openToken, `${feedBase}/big.ics`)).body).toMatchObject({ status: 'error', message: expect.stringContaining('too large') });
    expect((await fetchVia(open, openToken, `${feedBase}/declared-big.ics`)).body).toMatchObject({ status: 'error', message: expect.stringContaining('too large') });
    expect((await fetchVia(open, openToken, `${feedBase}/slow.ics`)).body).toEqual({ status: 'error', message: 'The address took too long to answer.' });
  });

  it('reports what the feed server answered', async () => {
    expect((await fetchVia(open, openToken, `${feedBase}/broken`)).body).toEqual({ status: 'error', message: "The calendar's server had a problem (HTTP 500)." });
    expect((await fetchVia(open, openToken, `${feedBase}/missing`)).body).toEqual({ status: 'error', message: 'Nothing is published at this address any more (HTTP 404).' });
  });

  it('refuses addresses that are not http(s), and bad requests', async () => {
    for (const url of ['ftp://example.org/a.ics', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', `http://user:pw@127.0.0.1/x.ics`, '']) {
      const r = await fetchVia(open, openToken, url);
      expect(r.status, url).toBe(400);
    }
    expect((await open.api('GET', '/api/fetch-ics', openToken)).status).toBe(400);
    expect((await fetchVia(open, openToken, `https://example.org/${'a'.repeat(5_000)}.ics`)).status).toBe(400);
  });

  it('never fetches this machine, private networks or link-local addresses (SSRF)', async () => {
    for (const url of [`${feedBase}/ok.ics`, `http://localhost:${new URL(feedBase).port}/ok.ics`, 'http://10.0.0.1/x.ics', 'http://192.168.1.1/x.ics', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/x.ics', 'http://[::ffff:127.0.0.1]/x.ics', 'http://0.0.0.0/x.ics', 'http://2130706433/x.ics']) {
      const r = await fetchVia(locked, lockedToken, url);
      expect(r.status, url).toBe(403);
      expect(r.body, url).toMatchObject({ error: { code: 'private_address' } });
    }
  });
});
