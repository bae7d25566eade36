import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWhat, type EventWhen } from '../../src/shared/model/CalendarEvent';
import { openCalendarStore, type ReplicaStoreApi } from '../../src/renderer/replica/openCalendarStore';
import * as Y from 'yjs';
import { writeEvent } from '../../src/shared/model/eventDocument';
import { mainDocName, localBinding } from '../../src/renderer/replica/ReplicaBinding';
import { checksum, TesseraDb } from '../../src/renderer/replica/TesseraDb';

// The replica engine's side of syncing, on fake-indexeddb: private events split
// between documents, read-only levels, outbox rows, rebinding and purging.

const NOW = Date.UTC(2026, 2, 1, 12);
const opened: ReplicaStoreApi[] = [];
let n = 0;
async function open(dbName = `binding-${process.pid}-${n++}`): Promise<ReplicaStoreApi> {
  const store = await openCalendarStore({ dbName, now: () => NOW });
  opened.push(store);
  await store.updateSettings({ displayZone: 'Europe/Berlin' });
  return store;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
const when: EventWhen = { start: '2026-03-03T09:00', end: '2026-03-03T10:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] };
const WEEK: [number, number] = [Date.parse('2026-03-02T00:00:00Z'), Date.parse('2026-03-09T00:00:00Z')];

describe('replica engine for syncing', () => {
  it('keeps a private event’s details in the private document and merges them on read', async () => {
    const s = await open();
    const cal = s.calendars()[0]!.id;
    const uid = await s.createEvent(cal, { when, what: { ...defaultWhat('Doctor'), location: 'Clinic', private: true }, who: { organizer: null, attendees: [{ email: 'd@x.org', name: 'D', role: 'required', response: 'accepted' }] }, reminders: [10] });
    const replica = (await s.loadedReplica(cal))!;
    expect(JSON.stringify(replica.doc.toJSON())).not.toContain('Doctor');
    expect(JSON.stringify(replica.doc.toJSON())).not.toContain('d@x.org');
    expect(JSON.stringify(replica.privateDoc!.toJSON())).toContain('Doctor');
    const ev = (await s.getEvent(cal, uid))!;
    expect(ev.what.title).toBe('Doctor');
    expect(ev.reminders).toEqual([10]);
    expect((await s.queryRange(...WEEK, [cal]))[0]!.title).toBe('Doctor');
    // Made public again: the details move back to full.
    await s.updateEvent(cal, uid, null, { when, what: { ...ev.what, private: false }, who: ev.who, reminders: ev.reminders }, 'series');
    expect(JSON.stringify(replica.doc.toJSON())).toContain('Doctor');
    expect(replica.privateDoc!.getMap('what').has(uid)).toBe(false);
    // Undo restores the private split as one step.
    await s.undo();
    expect(replica.privateDoc!.getMap('what').has(uid)).toBe(true);
    expect((await s.getEvent(cal, uid))!.what.title).toBe('Doctor');
  });

  it('moves private events written into full before the calendar held private on load, and leaves the rest alone', async () => {
    const name = `binding-${process.pid}-${n++}`;
    const first = await open(name);
    const cal = first.calendars()[0]!.id;
    first.close();
    // As an older version stored them: details of a private event in `full`, next to public ones,
    // one of which only mentions the flag in its text.
    const old = new Y.Doc();
    old.transact(() => {
      writeEvent(old, 'secret', { when, what: { ...defaultWhat('Interview'), location: 'HR', private: true } });
      writeEvent(old, 'public', { when, what: defaultWhat('Stand-up') });
      writeEvent(old, 'quoted', { when, what: { ...defaultWhat('"private":true'), description: 'not private' } });
    });
    const update = Y.encodeStateAsUpdate(old);
    const db = new TesseraDb(name);
    await db.updates.add({ docName: mainDocName(localBinding(cal)), update, sum: checksum(update) });
    db.close();

    const s = await open(name);
    const replica = (await s.loadedReplica(cal))!;
    expect(JSON.stringify(replica.doc.toJSON())).not.toContain('Interview');
    expect(JSON.stringify(replica.privateDoc!.toJSON())).toContain('Interview');
    expect((await s.getEvent(cal, 'secret'))!.what).toMatchObject({ title: 'Interview', location: 'HR', private: true });
    expect((await s.getEvent(cal, 'public'))!.what.title).toBe('Stand-up');
    expect((await s.getEvent(cal, 'quoted'))!.what.private).toBe(false);
    expect(replica.privateDoc!.getMap('what').has('quoted')).toBe(false);
  });

  it('records an outbox row per local change in the same transaction, and confirming clears it', async () => {
    const name = `binding-${process.pid}-${n++}`;
    const s = await open(name);
    const cal = s.calendars()[0]!.id;
    await s.createEvent(cal, { when, what: defaultWhat('One'), reminders: [] });
    const ids = s.pendingIds(`cal/${cal}/full`);
    expect(ids.length).toBeGreaterThan(0);
    s.close();
    const again = await open(name);
    await again.loaded();
    expect(again.pendingIds(`cal/${cal}/full`)).toEqual(ids);
    await again.confirm(`cal/${cal}/full`, ids, null, NOW);
    expect(again.pendingIds(`cal/${cal}/full`)).toEqual([]);
    expect((await again.syncState(`cal/${cal}/full`))!.lastSyncedAt).toBe(NOW);
  });

  it('refuses writes below editor and deletes a document no longer allowed when rebinding', async () => {
    const name = `binding-${process.pid}-${n++}`;
    const s = await open(name);
    const cal = s.calendars()[0]!.id;
    await s.createEvent(cal, { when, what: defaultWhat('Seen'), reminders: [] });
    await s.rebind(cal, { calendarId: cal, source: 'relay', level: 'reviewer', main: 'full', epoch: null, private: false, staleSince: null });
    await expect(s.createEvent(cal, { when, what: defaultWhat('No'), reminders: [] })).rejects.toThrow(/Can view all details/);
    expect((await s.queryRange(...WEEK, [cal])).map((r) => r.title)).toEqual(['Seen']);
    await s.rebind(cal, { calendarId: cal, source: 'relay', level: 'limited', main: 'titles', epoch: 3, private: false, staleSince: null });
    expect(await s.queryRange(...WEEK, [cal])).toEqual([]);
    const db = new TesseraDb(name);
    await db.open();
    expect(await db.updates.where('docName').startsWith(`cal/${cal}/`).count()).toBe(0);
    db.close();
    await s.forgetCalendar(cal);
    expect(s.calendars().some((c) => c.id === cal)).toBe(false);
  });
});
