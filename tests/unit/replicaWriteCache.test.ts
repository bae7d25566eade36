import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CalendarReplica, ORIGIN_LOCAL } from '../../src/renderer/replica/CalendarReplica';
import { oldWhenOfUids } from '../../src/renderer/replica/oldWhenOfUids';
import { openCalendarStore } from '../../src/renderer/replica/openCalendarStore';
import type { CalendarEvent } from '../../src/shared/model/CalendarEvent';
import { writeEvent } from '../../src/shared/model/eventDocument';

const event = (uid: string, title: string, recurrenceId: string | null = null): CalendarEvent => ({
  uid,
  recurrenceId,
  when: { start: '2026-03-02T09:00:00', end: '2026-03-02T10:00:00', tzid: 'Europe/Berlin', allDay: false, rrule: recurrenceId ? null : 'FREQ=WEEKLY;COUNT=3', exdates: [], rdates: [] },
  what: { title, location: '', description: '', categories: [], showAs: 'busy', private: false },
  who: { organizer: null, attendees: [] },
  reminders: [15],
});
const groups = (ev: CalendarEvent) => ({ when: ev.when, what: ev.what, who: ev.who, rem: ev.reminders });

function openReplica(): CalendarReplica {
  const replica = new CalendarReplica('cal-1', () => undefined);
  replica.attach();
  return replica;
}

describe('CalendarReplica.seriesForIndex', () => {
  it('gives the events as written, with their changed occurrences, and the same after forgetWritten (read back)', () => {
    const replica = openReplica();
    const master = event('a', 'Standup');
    const moved = event('a', 'Standup (moved)', '2026-03-09T09:00:00');
    replica.write([['a', groups(master)], ['a#2026-03-09T09:00:00', groups(moved)]], ORIGIN_LOCAL);
    const fresh = replica.seriesForIndex('a');
    expect(fresh.master).toEqual(master);
    expect([...fresh.overrides.values()]).toEqual([moved]);
    replica.forgetWritten();
    const read = replica.seriesForIndex('a');
    expect(read.master).toEqual(master);
    expect(read.overrides.get('2026-03-09T09:00:00')?.what.title).toBe('Standup (moved)');
  });

  it('never serves a written event that another change has replaced since', () => {
    const replica = openReplica();
    replica.write([['a', groups(event('a', 'Mine'))]], ORIGIN_LOCAL);
    // The same key changed by someone else (the relay, another window) before the flush.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(replica.doc));
    other.transact(() => writeEvent(other, 'a', { what: { ...event('a', 'Theirs').what } }));
    Y.applyUpdate(replica.doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(replica.doc)), 'remote');
    expect(replica.seriesForIndex('a').master?.what.title).toBe('Theirs');
  });

  it('keeps nothing for partial writes or deletions: those are read from the document', () => {
    const replica = openReplica();
    replica.write([['a', groups(event('a', 'First'))]], ORIGIN_LOCAL);
    replica.forgetWritten();
    replica.write([['a', { what: event('a', 'Retitled').what }]], ORIGIN_LOCAL);
    expect(replica.seriesForIndex('a').master?.what.title).toBe('Retitled');
    replica.write([['a', null]], ORIGIN_LOCAL);
    expect(replica.seriesForIndex('a').master).toBeNull();
  });

  it('splits private events into the private document and still gives them whole', () => {
    const replica = new CalendarReplica({ calendarId: 'cal-2', source: 'local', level: 'owner', main: 'full', epoch: null, private: true, staleSince: null }, () => undefined);
    replica.attach();
    const secret = { ...event('p', 'Doctor'), what: { ...event('p', 'Doctor').what, private: true } };
    replica.write([['p', groups(secret)]], ORIGIN_LOCAL);
    expect(replica.seriesForIndex('p').master).toEqual(secret);
    replica.forgetWritten();
    expect(replica.seriesForIndex('p').master?.what.title).toBe('Doctor');
  });
});

describe('oldWhenOfUids', () => {
  it('groups changed keys under their UID, changed occurrences beside the master', () => {
    const grouped = oldWhenOfUids(
      new Map<string, string | undefined>([
        ['a', undefined],
        ['a#2026-03-09T09:00:00', '{"x":1}'],
        ['b#2026-03-10', '{"y":2}'],
      ]),
    );
    expect([...grouped.keys()]).toEqual(['a', 'b']);
    expect([...grouped.get('a')!]).toEqual([
      ['a', undefined],
      ['a#2026-03-09T09:00:00', '{"x":1}'],
    ]);
    expect(grouped.get('b')!.get('b#2026-03-10')).toBe('{"y":2}');
  });

  it('is empty for no changes', () => {
    expect(oldWhenOfUids(new Map()).size).toBe(0);
  });
});

describe('importEvents and the index', () => {
  it('moves a re-imported event: its old rows go, new series and occurrences appear', async () => {
    const store = await openCalendarStore({ dbName: `write-cache-${process.pid}`, now: () => Date.UTC(2026, 2, 1) });
    try {
      await store.updateSettings({ displayZone: 'Europe/Berlin' });
      const cal = store.calendars()[0]!.id;
      const single = { ...event('s', 'Single'), when: { ...event('s', 'Single').when, rrule: null } };
      const moved = event('a', 'Series (moved)', '2026-03-09T09:00:00');
      await store.importEvents(cal, [single, event('a', 'Series'), { ...moved, when: { ...moved.when, start: '2026-03-09T11:00:00', end: '2026-03-09T12:00:00' } }]);
      const week = (from: number) => store.queryRange(from, from + 7 * 86_400_000, [cal]);
      expect((await week(Date.UTC(2026, 2, 2))).map((r) => r.title).sort()).toEqual(['Series', 'Single']);
      expect((await week(Date.UTC(2026, 2, 9))).map((r) => r.title)).toEqual(['Series (moved)']);
      const later = { ...single, when: { ...single.when, start: '2026-03-11T09:00:00', end: '2026-03-11T10:00:00' } };
      expect(await store.importEvents(cal, [later, event('a', 'Series')])).toEqual({ created: 0, updated: 1, unchanged: 1 });
      expect((await week(Date.UTC(2026, 2, 2))).map((r) => r.title)).toEqual(['Series']);
      // The changed occurrence the file no longer has is gone; the single moved into this week.
      expect((await week(Date.UTC(2026, 2, 9))).map((r) => r.title).sort()).toEqual(['Series', 'Single']);
    } finally {
      store.close();
    }
  });
});
