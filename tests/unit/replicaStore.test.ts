import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWhat, type EventWhen } from '../../src/shared/model/CalendarEvent';
import type { CalendarStore, EventInput } from '../../src/renderer/replica/CalendarStore';
import { openCalendarStore } from '../../src/renderer/replica/openCalendarStore';
import { TesseraDb } from '../../src/renderer/replica/TesseraDb';

// Data-layer unit tests on fake-indexeddb; the same engine runs against
// Chromium's real IndexedDB in the end-to-end tests and the benchmark.

const NOW = Date.UTC(2026, 2, 1, 12);
const opened: CalendarStore[] = [];
let n = 0;
const freshName = () => `test-${process.pid}-${n++}`;

async function open(dbName: string): Promise<CalendarStore> {
  const store = await openCalendarStore({ dbName, now: () => NOW });
  opened.push(store);
  await store.updateSettings({ displayZone: 'Europe/Berlin' });
  return store;
}

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const timed = (start: string, end: string, extra: Partial<EventWhen> = {}): EventWhen => ({ start, end, tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [], ...extra });
const input = (title: string, when: EventWhen, reminders: number[] = []): EventInput => ({ when, what: defaultWhat(title), reminders });
const week = (d: string) => [Date.parse(`${d}T00:00:00Z`), Date.parse(`${d}T00:00:00Z`) + 7 * 86_400_000] as const;
const until = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('replica store', () => {
  it('creates a default calendar and persists events across a reopen', async () => {
    const name = freshName();
    const a = await open(name);
    expect(a.calendars()).toHaveLength(1);
    const cal = a.calendars()[0]!.id;
    const uid = await a.createEvent(cal, input('Dentist', timed('2026-03-03T09:00', '2026-03-03T10:00'), [30]));
    a.close();

    const b = await open(name);
    const [from, to] = week('2026-03-02');
    const rows = await b.queryRange(from, to, [cal]);
    expect(rows.map((r) => r.title)).toEqual(['Dentist']);
    expect(rows[0]!.startMs).toBe(Date.parse('2026-03-03T08:00:00Z'));
    expect((await b.getEvent(cal, uid))!.reminders).toEqual([30]);
  });

  it('refuses an invalid event and saves nothing', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    await expect(s.createEvent(cal, input('Backwards', timed('2026-03-03T10:00', '2026-03-03T09:00')))).rejects.toThrow(/end/i);
    await expect(s.createEvent(cal, input('x'.repeat(1 << 20), timed('2026-03-03T09:00', '2026-03-03T10:00')))).rejects.toThrow(/title/i);
    await expect(s.createEvent(cal, input('Zone', timed('2026-03-03T09:00', '2026-03-03T10:00', { tzid: 'Mars/Olympus' })))).rejects.toThrow(/zone/i);
    const [from, to] = week('2026-03-02');
    expect(await s.queryRange(from, to, [cal])).toEqual([]);
    expect(s.canUndo()).toBe(false);
  });

  it('expands a weekly series, changes one occurrence, deletes another', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    const uid = await s.createEvent(cal, input('Weekly', timed('2026-03-02T10:00', '2026-03-02T11:00', { rrule: 'FREQ=WEEKLY;BYDAY=MO' })));
    // Move the 9 March occurrence to Tuesday, delete the 16th.
    const moved = (await s.getEvent(cal, uid, '2026-03-09T10:00:00'))!;
    await s.updateEvent(cal, uid, '2026-03-09T10:00:00', { when: { ...moved.when, start: '2026-03-10T15:00:00', end: '2026-03-10T16:00:00' }, what: moved.what, reminders: [] }, 'this');
    await s.deleteEvent(cal, uid, '2026-03-16T10:00:00', 'this');

    const rows = await s.queryRange(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z'), [cal]);
    expect(rows.map((r) => r.start)).toEqual(['2026-03-02T10:00:00', '2026-03-10T15:00:00', '2026-03-23T10:00:00', '2026-03-30T10:00:00']);
    // Europe/Berlin switches to summer time on 29 March: still 10:00 local.
    expect(rows[3]!.startMs).toBe(Date.parse('2026-03-30T08:00:00Z'));
  });

  it('splits a series for "this and following"', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    const uid = await s.createEvent(cal, input('Sync', timed('2026-03-02T10:00', '2026-03-02T11:00', { rrule: 'FREQ=WEEKLY;COUNT=6' })));
    const occ = (await s.getEvent(cal, uid, '2026-03-16T10:00:00'))!;
    await s.updateEvent(cal, uid, '2026-03-16T10:00:00', { when: { ...occ.when, start: '2026-03-16T14:00:00', end: '2026-03-16T15:00:00' }, what: { ...occ.what, title: 'Sync (new time)' }, reminders: [] }, 'following');
    const rows = await s.queryRange(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-05-01T00:00:00Z'), [cal]);
    expect(rows.map((r) => `${r.start} ${r.title}`)).toEqual([
      '2026-03-02T10:00:00 Sync',
      '2026-03-09T10:00:00 Sync',
      '2026-03-16T14:00:00 Sync (new time)',
      '2026-03-23T14:00:00 Sync (new time)',
      '2026-03-30T14:00:00 Sync (new time)',
      '2026-04-06T14:00:00 Sync (new time)',
    ]);
  });

  it('moves a whole series from an occurrence and keeps its weekday rule in step', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    const uid = await s.createEvent(cal, input('Mondays', timed('2026-03-02T10:00', '2026-03-02T11:00', { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' })));
    const occ = (await s.getEvent(cal, uid, '2026-03-09T10:00:00'))!;
    await s.updateEvent(cal, uid, '2026-03-09T10:00:00', { when: { ...occ.when, start: '2026-03-10T10:00:00', end: '2026-03-10T11:00:00' }, what: occ.what, reminders: [] }, 'series');
    const rows = await s.queryRange(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z'), [cal]);
    expect(rows.map((r) => r.start)).toEqual(['2026-03-03T10:00:00', '2026-03-10T10:00:00', '2026-03-17T10:00:00']);
  });

  it('undoes and redoes the person\'s own edits', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    const uid = await s.createEvent(cal, input('Draft', timed('2026-03-03T09:00', '2026-03-03T10:00')));
    const ev = (await s.getEvent(cal, uid))!;
    await s.updateEvent(cal, uid, null, { when: ev.when, what: { ...ev.what, title: 'Final' }, reminders: [] }, 'series');
    const [from, to] = week('2026-03-02');
    expect((await s.queryRange(from, to, [cal]))[0]!.title).toBe('Final');
    await s.undo();
    expect((await s.queryRange(from, to, [cal]))[0]!.title).toBe('Draft');
    await s.undo();
    expect(await s.queryRange(from, to, [cal])).toEqual([]);
    expect(s.canUndo()).toBe(false);
    await s.redo();
    await s.redo();
    expect((await s.queryRange(from, to, [cal]))[0]!.title).toBe('Final');
  });

  it('shows edits from another window of the same profile live', async () => {
    const name = freshName();
    const a = await open(name);
    const b = await open(name);
    const cal = a.calendars()[0]!.id;
    expect(b.calendars().map((c) => c.id)).toEqual([cal]);
    let changed = 0;
    b.subscribe(() => changed++);
    await a.createEvent(cal, input('From A', timed('2026-03-04T09:00', '2026-03-04T10:00')));
    for (let i = 0; i < 50 && changed === 0; i++) await until(20);
    const [from, to] = week('2026-03-02');
    expect((await b.queryRange(from, to, [cal])).map((r) => r.title)).toEqual(['From A']);
    const uid = (await b.queryRange(from, to, [cal]))[0]!.uid;
    expect((await b.getEvent(cal, uid))!.what.title).toBe('From A');
  });

  it('sets a damaged stored row aside and loads everything else', async () => {
    const name = freshName();
    const a = await open(name);
    const cal = a.calendars()[0]!.id;
    await a.createEvent(cal, input('Survivor', timed('2026-03-04T09:00', '2026-03-04T10:00')));
    a.close();
    const db = new TesseraDb(name);
    await db.open();
    await db.updates.add({ docName: `cal/${cal}/full`, update: new Uint8Array([1, 2, 3, 250, 250]), sum: 0 });
    await db.updates.add({ docName: `cal/${cal}/full`, update: 'not bytes' as unknown as Uint8Array, sum: 1 });
    db.close();

    const b = await open(name);
    await b.loaded();
    expect(b.loadProblems().join('\n')).toMatch(/2 damaged changes .* set aside/);
    const [from, to] = week('2026-03-02');
    expect((await b.queryRange(from, to, [cal])).map((r) => r.title)).toEqual(['Survivor']);
    const check = new TesseraDb(name);
    await check.open();
    expect(await check.quarantine.count()).toBe(2);
    check.close();
  });

  it('keeps several calendars with colours and hidden flags', async () => {
    const s = await open(freshName());
    const work = await s.createCalendar('Work', '#d50000');
    await s.updateCalendar(work, { hidden: true, name: 'Work stuff' });
    expect(s.calendars().map((c) => [c.name, c.color, c.hidden])).toEqual([
      ['Calendar', '#1a73e8', false],
      ['Work stuff', '#d50000', true],
    ]);
    await s.deleteCalendar(work);
    expect(s.calendars()).toHaveLength(1);
  });

  it('materialises a far-future week of a never-ending series on demand', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    await s.createEvent(cal, input('Forever', timed('2020-01-06T10:00', '2020-01-06T11:00', { rrule: 'FREQ=WEEKLY' })));
    const [from, to] = week('2031-06-02');
    const rows = await s.queryRange(from, to, [cal]);
    expect(rows.map((r) => r.start)).toEqual(['2031-06-02T10:00:00']);
  });

  it('removes an event from the days it left when it moves, and from the index when deleted', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    const uid = await s.createEvent(cal, input('Offsite', timed('2026-03-03T09:00', '2026-03-05T17:00')));
    const [from, to] = week('2026-03-02');
    expect((await s.queryRange(from, to, [cal])).map((r) => r.title)).toEqual(['Offsite']);
    const ev = (await s.getEvent(cal, uid))!;
    await s.updateEvent(cal, uid, null, { when: { ...ev.when, start: '2026-03-10T09:00:00', end: '2026-03-10T10:00:00' }, what: ev.what, reminders: [] }, 'series');
    expect(await s.queryRange(from, to, [cal])).toEqual([]);
    const [from2, to2] = week('2026-03-09');
    expect((await s.queryRange(from2, to2, [cal])).map((r) => r.start)).toEqual(['2026-03-10T09:00:00']);
    await s.deleteEvent(cal, uid, null, 'series');
    expect(await s.queryRange(from2, to2, [cal])).toEqual([]);
    await s.undo();
    expect((await s.queryRange(from2, to2, [cal])).map((r) => r.title)).toEqual(['Offsite']);
  });

  it('shows an event spanning weeks in each week it touches', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    await s.createEvent(cal, { when: { start: '2026-03-04', end: '2026-03-20', tzid: null, allDay: true, rrule: null, exdates: [], rdates: [] }, what: defaultWhat('Holiday'), reminders: [] });
    for (const monday of ['2026-03-02', '2026-03-09', '2026-03-16']) {
      const [from, to] = week(monday);
      expect((await s.queryRange(from, to, [cal])).map((r) => r.title)).toEqual(['Holiday']);
    }
    const [from, to] = week('2026-03-23');
    expect(await s.queryRange(from, to, [cal])).toEqual([]);
  });

  it('reports an event once however many stored days it sits in: across midnight, several days, or longer than two months', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    await s.createEvent(cal, input('Night shift', timed('2026-03-03T23:00', '2026-03-04T07:00')));
    await s.createEvent(cal, input('Conference', timed('2026-03-04T09:00', '2026-03-06T17:00')));
    await s.createEvent(cal, input('Secondment', timed('2026-02-01T09:00', '2026-05-29T17:00')));
    await s.createEvent(cal, input('Lunch', timed('2026-03-05T12:00', '2026-03-05T13:00')));
    const [from, to] = week('2026-03-02');
    expect((await s.queryRange(from, to, [cal])).map((r) => r.title)).toEqual(['Secondment', 'Night shift', 'Conference', 'Lunch']);
  });

  it('moves the whole series by one drag of an occurrence already moved on its own', async () => {
    const s = await open(freshName());
    const cal = s.calendars()[0]!.id;
    const uid = await s.createEvent(cal, input('Review', timed('2026-03-02T10:00', '2026-03-02T11:00', { rrule: 'FREQ=DAILY;COUNT=3' })));
    const occ = (await s.getEvent(cal, uid, '2026-03-03T10:00:00'))!;
    await s.updateEvent(cal, uid, '2026-03-03T10:00:00', { when: { ...occ.when, start: '2026-03-03T15:00:00', end: '2026-03-03T16:00:00' }, what: occ.what, reminders: [] }, 'this');
    // Drag that moved occurrence one hour later, for the whole series.
    const moved = (await s.getEvent(cal, uid, '2026-03-03T10:00:00'))!;
    expect(moved.when.start).toBe('2026-03-03T15:00:00');
    await s.updateEvent(cal, uid, '2026-03-03T10:00:00', { when: { ...moved.when, start: '2026-03-03T16:00:00', end: '2026-03-03T17:00:00', rrule: 'FREQ=DAILY;COUNT=3' }, what: moved.what, reminders: [] }, 'series');
    const rows = await s.queryRange(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-03-08T00:00:00Z'), [cal]);
    expect(rows.map((r) => r.start)).toEqual(['2026-03-02T11:00:00', '2026-03-03T16:00:00', '2026-03-04T11:00:00']);
  });
});
