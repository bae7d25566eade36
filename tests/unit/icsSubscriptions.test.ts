import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { feedUrlOf, fetchFeedWith, type FeedRequestInit, type FetchIcsRequest, type FetchIcsResult } from '../../src/shared/ipc/fetchIcs';
import { ipcArgsSchemas, ipcResultSchemas } from '../../src/shared/ipc/ipcSchemas';
import { defaultWhat } from '../../src/shared/model/CalendarEvent';
import { parseIcsInWorker } from '../../src/renderer/ics/parseIcsInWorker';
import { dueSubscriptions, refreshSubscription, type RefreshDeps } from '../../src/renderer/ics/refreshSubscription';
import { subscribeToFeed } from '../../src/renderer/ics/subscribeToFeed';
import { SubscriptionScheduler } from '../../src/renderer/ics/SubscriptionScheduler';
import { CalendarReadOnlyError } from '../../src/renderer/replica/CalendarReadOnlyError';
import type { CalendarStore } from '../../src/renderer/replica/CalendarStore';
import { openCalendarStore } from '../../src/renderer/replica/openCalendarStore';

// Subscriptions on the real replica store (fake-indexeddb: data-layer unit
// tests); the feed is a function answering as a server would.

const NOW = Date.UTC(2030, 5, 1, 12);
const opened: CalendarStore[] = [];
let n = 0;

async function open(): Promise<CalendarStore> {
  const store = await openCalendarStore({ dbName: `subs-${process.pid}-${n++}`, now: () => NOW });
  opened.push(store);
  await store.updateSettings({ displayZone: 'Europe/Berlin' });
  return store;
}

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const vevent = (uid: string, title: string, day: string) => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20300101T000000Z', `DTSTART;TZID=Europe/Berlin:${day}T100000`, `DTEND;TZID=Europe/Berlin:${day}T110000`, `SUMMARY:${title}`, 'END:VEVENT'];
const feed = (...events: string[][]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'X-WR-CALNAME:Club', ...events.flat(), 'END:VCALENDAR', ''].join('\r\n');

/** A feed that answers what `next` says, recording the validators it was sent. */
function feedServer() {
  const sent: FetchIcsRequest[] = [];
  const server = {
    next: { status: 'ok', text: feed(vevent('a@t', 'Training', '20300611'), vevent('b@t', 'Match', '20300614')), etag: '"1"', lastModified: null } as FetchIcsResult,
    sent,
    fetchFeed: (req: FetchIcsRequest) => {
      sent.push(req);
      return Promise.resolve(server.next);
    },
  };
  return server;
}

const titles = async (store: CalendarStore, id: string) => (await store.exportEvents(id)).map((e) => e.what.title).sort();

describe('subscribed calendars', () => {
  it('subscribing fetches first, then creates a read-only calendar with the feed’s events and name', async () => {
    const store = await open();
    const server = feedServer();
    const deps: RefreshDeps = { store, fetchFeed: server.fetchFeed, parse: (t) => parseIcsInWorker(t), now: () => NOW };
    const done = await subscribeToFeed({ ...deps, store }, { url: 'webcal://example.org/club.ics', name: '', color: '#123456', intervalMinutes: 15 });
    expect(server.sent).toEqual([{ url: 'https://example.org/club.ics', etag: null, lastModified: null }]);
    expect(done.name).toBe('Club');
    expect(done.counts).toEqual({ created: 2, updated: 0, unchanged: 0, deleted: 0 });
    expect(store.calendars().find((c) => c.id === done.calendarId)).toMatchObject({ name: 'Club', subscribed: true });
    expect(store.subscriptions()).toEqual([{ calendarId: done.calendarId, url: 'https://example.org/club.ics', intervalMinutes: 15, etag: '"1"', lastModified: null, lastGoodAt: NOW, lastAttemptAt: NOW, error: null }]);
    expect(await titles(store, done.calendarId)).toEqual(['Match', 'Training']);
    // The refresh is not the person's action: nothing to undo.
    expect(store.canUndo()).toBe(false);
  });

  it('a wrong address or a feed that is not a calendar creates nothing', async () => {
    const store = await open();
    const server = feedServer();
    const deps = { store, fetchFeed: server.fetchFeed, parse: (t: string) => parseIcsInWorker(t), now: () => NOW };
    await expect(subscribeToFeed(deps, { url: 'ftp://example.org/x.ics', name: '', color: '#000', intervalMinutes: 15 })).rejects.toThrow('http, https or webcal');
    server.next = { status: 'error', message: 'The address could not be reached.' };
    await expect(subscribeToFeed(deps, { url: 'https://example.org/x.ics', name: '', color: '#000', intervalMinutes: 15 })).rejects.toThrow('could not be reached');
    server.next = { status: 'ok', text: '<html>nope</html>', etag: null, lastModified: null };
    await expect(subscribeToFeed(deps, { url: 'https://example.org/x.ics', name: '', color: '#000', intervalMinutes: 15 })).rejects.toThrow('not an iCalendar');
    expect(store.calendars()).toHaveLength(1);
    expect(store.subscriptions()).toEqual([]);
  });

  it('refuses the person’s edits and imports', async () => {
    const store = await open();
    const id = await store.createSubscription('Feed', '#000', 'https://example.org/f.ics', 15);
    const when = { start: '2030-06-12T10:00', end: '2030-06-12T11:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] };
    await expect(store.createEvent(id, { when, what: defaultWhat('Mine'), reminders: [] })).rejects.toBeInstanceOf(CalendarReadOnlyError);
    await expect(store.createEvent(id, { when, what: defaultWhat('Mine'), reminders: [] })).rejects.toThrow('subscription to an internet calendar');
    await expect(store.importEvents(id, [])).rejects.toBeInstanceOf(CalendarReadOnlyError);
    await expect(store.replaceSubscribedEvents(store.calendars()[0]!.id, [])).rejects.toThrow('not a subscription');
    await expect(store.createSubscription('Bad', '#000', '', 15)).rejects.toThrow();
  });

  it('refreshes conditionally; replaces by UID; keeps the last good copy on errors', async () => {
    const store = await open();
    let now = NOW;
    const server = feedServer();
    const deps: RefreshDeps = { store, fetchFeed: server.fetchFeed, parse: (t) => parseIcsInWorker(t), now: () => now };
    const { calendarId } = await subscribeToFeed(deps as RefreshDeps & { store: typeof store }, { url: 'https://example.org/club.ics', name: 'Club', color: '#000', intervalMinutes: 15 });
    const sub = () => store.subscriptions().find((s) => s.calendarId === calendarId)!;

    now += 15 * 60_000;
    server.next = { status: 'not-modified' };
    expect(await refreshSubscription(deps, sub())).toEqual({ kind: 'not-modified' });
    expect(server.sent.at(-1)).toEqual({ url: 'https://example.org/club.ics', etag: '"1"', lastModified: null });
    expect(sub()).toMatchObject({ lastGoodAt: now, error: null });

    now += 15 * 60_000;
    server.next = { status: 'ok', text: feed(vevent('a@t', 'Training moved', '20300612'), vevent('c@t', 'Party', '20300615')), etag: '"2"', lastModified: 'Wed, 12 Jun 2030 10:00:00 GMT' };
    expect(await refreshSubscription(deps, sub())).toEqual({ kind: 'updated', counts: { created: 1, updated: 1, unchanged: 0, deleted: 1 }, skipped: 0 });
    expect(await titles(store, calendarId)).toEqual(['Party', 'Training moved']);
    expect(sub()).toMatchObject({ etag: '"2"', lastModified: 'Wed, 12 Jun 2030 10:00:00 GMT' });
    expect(store.canUndo()).toBe(false);

    const goodAt = now;
    now += 15 * 60_000;
    server.next = { status: 'error', message: 'The calendar’s server had a problem (HTTP 503).' };
    expect(await refreshSubscription(deps, sub())).toMatchObject({ kind: 'error' });
    expect(sub()).toMatchObject({ error: 'The calendar’s server had a problem (HTTP 503).', lastGoodAt: goodAt, lastAttemptAt: now });
    expect(await titles(store, calendarId)).toEqual(['Party', 'Training moved']);

    server.next = { status: 'ok', text: 'Sorry, this page moved', etag: null, lastModified: null };
    expect(await refreshSubscription(deps, sub())).toMatchObject({ kind: 'error', message: expect.stringContaining('did not send a calendar') });
    expect(await titles(store, calendarId)).toEqual(['Party', 'Training moved']);

    // An unchanged feed writes nothing.
    server.next = { status: 'ok', text: feed(vevent('a@t', 'Training moved', '20300612'), vevent('c@t', 'Party', '20300615')), etag: '"3"', lastModified: null };
    expect(await refreshSubscription(deps, sub())).toMatchObject({ kind: 'updated', counts: { created: 0, updated: 0, unchanged: 2, deleted: 0 } });
    expect(sub().error).toBeNull();
  });

  it('the scheduler refreshes what is due, offline does nothing, one refresh per calendar at a time', async () => {
    const store = await open();
    let now = NOW;
    const server = feedServer();
    let online = true;
    const deps: RefreshDeps = { store, fetchFeed: server.fetchFeed, parse: (t) => parseIcsInWorker(t), now: () => now };
    const id = await store.createSubscription('Feed', '#000', 'https://example.org/f.ics', 30);
    const scheduler = new SubscriptionScheduler(deps, () => online);
    online = false;
    await scheduler.tick();
    expect(server.sent).toHaveLength(0);
    online = true;
    await scheduler.tick();
    expect(server.sent).toHaveLength(1);
    now += 10 * 60_000;
    await scheduler.tick();
    expect(server.sent).toHaveLength(1);
    now += 20 * 60_000;
    const [a, b] = [scheduler.refresh(id), scheduler.refresh(id)];
    expect(a).toBe(b);
    await a;
    expect(server.sent).toHaveLength(2);
    await store.updateSubscription(id, { intervalMinutes: 5 });
    now += 5 * 60_000;
    await scheduler.tick();
    expect(server.sent).toHaveLength(3);
  });

  it('deleting the calendar ends the subscription', async () => {
    const store = await open();
    const id = await store.createSubscription('Feed', '#000', 'https://example.org/f.ics', 15);
    await store.deleteCalendar(id);
    expect(store.subscriptions()).toEqual([]);
  });

  it('dueSubscriptions: never tried, interval passed, or a clock that went back', () => {
    const base = { calendarId: 'x', url: 'https://e.org', intervalMinutes: 15, etag: null, lastModified: null, lastGoodAt: null, error: null };
    expect(dueSubscriptions([{ ...base, lastAttemptAt: null }], NOW)).toHaveLength(1);
    expect(dueSubscriptions([{ ...base, lastAttemptAt: NOW - 14 * 60_000 }], NOW)).toHaveLength(0);
    expect(dueSubscriptions([{ ...base, lastAttemptAt: NOW - 15 * 60_000 }], NOW)).toHaveLength(1);
    expect(dueSubscriptions([{ ...base, lastAttemptAt: NOW + 60_000 }], NOW)).toHaveLength(1);
  });
});

describe('exportEvents', () => {
  it('whole calendar, or the series and events with an occurrence in a range', async () => {
    const store = await open();
    const id = store.calendars()[0]!.id;
    const when = (start: string, end: string, rrule: string | null = null) => ({ start, end, tzid: 'Europe/Berlin', allDay: false, rrule, exdates: [], rdates: [] });
    await store.createEvent(id, { when: when('2030-06-12T10:00', '2030-06-12T11:00'), what: defaultWhat('June'), reminders: [] });
    await store.createEvent(id, { when: when('2030-08-12T10:00', '2030-08-12T11:00'), what: defaultWhat('August'), reminders: [] });
    await store.createEvent(id, { when: when('2030-05-01T09:00', '2030-05-01T09:30', 'FREQ=WEEKLY'), what: defaultWhat('Weekly'), reminders: [] });
    expect((await store.exportEvents(id)).map((e) => e.what.title).sort()).toEqual(['August', 'June', 'Weekly']);
    const june = { fromMs: Date.UTC(2030, 5, 10), toMs: Date.UTC(2030, 5, 17) };
    expect((await store.exportEvents(id, june)).map((e) => e.what.title).sort()).toEqual(['June', 'Weekly']);
  });
});

describe('feed addresses and fetching', () => {
  it('feedUrlOf: webcal becomes https; only http(s), no credentials', () => {
    expect(feedUrlOf('webcal://example.org/a.ics#x')?.href).toBe('https://example.org/a.ics');
    expect(feedUrlOf(' WEBCALS://example.org/a.ics ')?.href).toBe('https://example.org/a.ics');
    expect(feedUrlOf('http://example.org/a.ics')?.href).toBe('http://example.org/a.ics');
    for (const bad of ['', 'ftp://e.org/a', 'file:///etc/hosts', 'javascript:alert(1)', 'https://u:p@e.org/a', 'example.org/a.ics', `https://e.org/${'a'.repeat(4_000)}`]) expect(feedUrlOf(bad), bad).toBeNull();
  });

  const answer = (status: number, body: string, headers: Record<string, string> = {}) => new Response(status === 304 ? null : body, { status, headers });

  it('fetchFeedWith: conditional headers, not-modified, validators, errors and limits', async () => {
    const seen: FeedRequestInit[] = [];
    const via = (res: Response | Error) => (url: string, init: FeedRequestInit) => {
      seen.push(init);
      return res instanceof Error ? Promise.reject(res) : Promise.resolve(res);
    };
    const req = { url: 'webcal://e.org/a.ics', etag: '"1"', lastModified: 'Mon, 01 Jan 2030 00:00:00 GMT' };
    expect(await fetchFeedWith(via(answer(304, '')), req, { conditional: true })).toEqual({ status: 'not-modified' });
    expect(seen.at(-1)?.headers).toEqual({ 'If-None-Match': '"1"', 'If-Modified-Since': 'Mon, 01 Jan 2030 00:00:00 GMT' });
    await fetchFeedWith(via(answer(200, 'x', { ETag: '"2"' })), req, { conditional: false });
    expect(seen.at(-1)?.headers).toEqual({});
    // The same ETag back (the browser's cache revalidated for us) is the same copy.
    expect(await fetchFeedWith(via(answer(200, 'BEGIN:VCALENDAR', { ETag: '"1"' })), req, { conditional: false })).toEqual({ status: 'not-modified' });
    expect(await fetchFeedWith(via(answer(200, 'BEGIN:VCALENDAR', { ETag: '"2"' })), req, { conditional: true })).toEqual({ status: 'ok', text: 'BEGIN:VCALENDAR', etag: '"2"', lastModified: null });
    expect(await fetchFeedWith(via(answer(404, '')), req, { conditional: true })).toEqual({ status: 'error', message: 'Nothing is published at this address any more (HTTP 404).' });
    expect(await fetchFeedWith(via(answer(200, 'y'.repeat(2_000))), req, { conditional: true, maxBytes: 1_000 })).toMatchObject({ status: 'error', message: expect.stringContaining('too large') });
    expect(await fetchFeedWith(via(new TypeError('Failed to fetch')), req, { conditional: true })).toEqual({ status: 'error', message: 'The address could not be reached.', blocked: true });
    expect(await fetchFeedWith(via(new DOMException('t', 'TimeoutError')), req, { conditional: true })).toEqual({ status: 'error', message: 'The address took too long to answer.' });
    expect(await fetchFeedWith(via(answer(200, '')), { ...req, url: 'ftp://e.org' }, { conditional: true })).toMatchObject({ status: 'error' });
  });
});

describe('fetchIcs over IPC', () => {
  it('the main process refuses malformed requests; the renderer refuses malformed results', () => {
    expect(ipcArgsSchemas.fetchIcs.safeParse([{ url: 'https://e.org/a.ics', etag: null, lastModified: null }]).success).toBe(true);
    for (const bad of [[], [{ url: '' , etag: null, lastModified: null }], [{ url: 'https://e.org' }], [{ url: 'x'.repeat(4_001), etag: null, lastModified: null }], [{ url: 'https://e.org', etag: 1, lastModified: null }], ['https://e.org']]) {
      expect(ipcArgsSchemas.fetchIcs.safeParse(bad).success).toBe(false);
    }
    expect(ipcResultSchemas.fetchIcs.safeParse({ status: 'ok', text: 'x', etag: null, lastModified: null }).success).toBe(true);
    expect(ipcResultSchemas.fetchIcs.safeParse({ status: 'ok', text: 1 }).success).toBe(false);
    expect(ipcResultSchemas.fetchIcs.safeParse({ status: 'weird' }).success).toBe(false);
  });
});
