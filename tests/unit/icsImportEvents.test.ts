import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CalendarReadOnlyError } from '../../src/renderer/replica/CalendarReadOnlyError';
import type { CalendarStore } from '../../src/renderer/replica/CalendarStore';
import { openCalendarStore } from '../../src/renderer/replica/openCalendarStore';
import { parseIcs } from '../../src/shared/ics/parseIcs';

// Data-layer test on fake-indexeddb (the benchmark runs the same path in Chromium's IndexedDB).
const opened: CalendarStore[] = [];
let n = 0;
async function open(): Promise<CalendarStore> {
  const store = await openCalendarStore({ dbName: `ics-import-${process.pid}-${n++}`, now: () => Date.UTC(2026, 2, 1) });
  opened.push(store);
  await store.updateSettings({ displayZone: 'Europe/Berlin' });
  return store;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const google = readFileSync(path.resolve(__dirname, '../fixtures/ics/google.ics'), 'utf8');
const week = [Date.UTC(2026, 2, 9), Date.UTC(2026, 2, 16)] as const;

describe('CalendarStore.importEvents', () => {
  it('imports a file, and importing it again creates nothing', async () => {
    const s = await open();
    const cal = s.calendars()[0]!.id;
    const { events } = parseIcs(google);
    expect(await s.importEvents(cal, events)).toEqual({ created: events.length, updated: 0, unchanged: 0 });
    const rows = await s.queryRange(week[0], week[1], [cal]);
    expect(rows.map((r) => r.title)).toContain('Standup (afternoon)');
    expect(await s.importEvents(cal, parseIcs(google).events)).toEqual({ created: 0, updated: 0, unchanged: events.length });
    expect(await s.queryRange(week[0], week[1], [cal])).toHaveLength(rows.length);
  });

  it('updates by UID: the newer title wins and a dropped changed occurrence goes', async () => {
    const s = await open();
    const cal = s.calendars()[0]!.id;
    await s.importEvents(cal, parseIcs(google).events);
    const changed = google.replace('SUMMARY:Standup\r\n', 'SUMMARY:Daily standup\r\n').replace(/BEGIN:VEVENT\r\nDTSTART;TZID=America\/Los_Angeles:20260311T140000[\s\S]*?END:VEVENT\r\n/, '');
    const { events } = parseIcs(changed);
    expect(await s.importEvents(cal, events)).toEqual({ created: 0, updated: 1, unchanged: events.length - 1 });
    const titles = (await s.queryRange(week[0], week[1], [cal])).map((r) => r.title);
    expect(titles).toContain('Daily standup');
    expect(titles).not.toContain('Standup (afternoon)');
    expect((await s.getEvent(cal, '7kq3v0m1p2r3s4t5u6v7w8x9y0@google.com'))!.what.title).toBe('Daily standup');
  });

  it('is one undo step', async () => {
    const s = await open();
    const cal = s.calendars()[0]!.id;
    await s.importEvents(cal, parseIcs(google).events);
    expect(s.canUndo()).toBe(true);
    await s.undo();
    expect(await s.queryRange(week[0], week[1], [cal])).toEqual([]);
    expect(s.canUndo()).toBe(false);
  });

  it('refuses a read-only calendar and writes nothing', async () => {
    const s = await open();
    const cal = await s.createSubscription('Feed', '#888888', 'https://example.com/feed.ics', 15);
    await expect(s.importEvents(cal, parseIcs(google).events)).rejects.toBeInstanceOf(CalendarReadOnlyError);
    expect(await s.queryRange(week[0], week[1], [cal])).toEqual([]);
  });
});
