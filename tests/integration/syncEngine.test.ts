import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWhat, type EventWhen } from '../../src/shared/model/CalendarEvent';
import type { EventInput } from '../../src/renderer/replica/CalendarStore';
import { openDevice, until, type SyncDevice } from './support/syncDevice';
import { startTestRelay, type TestRelay } from './support/relayHarness';

const timed = (start: string, end: string): EventWhen => ({ start, end, tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] });
const input = (title: string, when = timed('2026-03-03T09:00', '2026-03-03T10:00')): EventInput => ({ when, what: defaultWhat(title), reminders: [] });
const WEEK: [number, number] = [Date.parse('2026-03-02T00:00:00Z'), Date.parse('2026-03-09T00:00:00Z')];

let relay: TestRelay;
const devices: SyncDevice[] = [];

beforeEach(async () => {
  relay = await startTestRelay();
});

afterEach(async () => {
  for (const d of devices.splice(0)) d.close();
  await relay.close();
});

async function device(options: Parameters<typeof openDevice>[0] = {}): Promise<SyncDevice> {
  const d = await openDevice(options);
  devices.push(d);
  return d;
}

async function signedIn(email: string): Promise<SyncDevice> {
  const d = await device();
  await d.sync.setRelayUrl(relay.relay.url);
  await d.sync.signIn(email, 'correct horse battery');
  return d;
}

describe('sync engine against a real relay', () => {
  it('uploads a local calendar, confirms each change, and replicates it to a second device of the same account', async () => {
    await relay.person('ann@example.com');
    const a = await signedIn('ann@example.com');
    expect(a.sync.account()).toMatchObject({ status: 'signed-in', me: { email: 'ann@example.com' } });
    const cal = a.store.calendars()[0]!.id;
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'first upload synced');
    expect(a.sync.calendarInfo(cal).level).toBe('owner');

    await a.store.createEvent(cal, input('Planning'));
    // Pending until the relay's reply says it holds it.
    const state = a.sync.calendarInfo(cal).sync;
    expect(['pending', 'synced']).toContain(state.kind);
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'change confirmed');
    expect(a.store.pendingIds(`cal/${cal}/full`)).toEqual([]);

    const b = await signedIn('ann@example.com');
    await until(() => b.store.calendars().some((c) => c.id === cal), 10_000, 'calendar on device b');
    await until(async () => (await b.store.queryRange(...WEEK, [cal])).length === 1, 10_000, 'event on device b');
    expect((await b.store.queryRange(...WEEK, [cal]))[0]!.title).toBe('Planning');
    // b's own starter calendar was empty and is dropped: one account, one calendar list.
    await until(() => b.store.calendars().length === 1, 10_000, 'starter calendar dropped');
  });
});

/** Rows of every table that mention the calendar (documents, index, outbox, sync state, binding). */
async function storedRowsOf(dbName: string, calendarId: string): Promise<string[]> {
  const { TesseraDb } = await import('../../src/renderer/replica/TesseraDb');
  const db = new TesseraDb(dbName);
  await db.open();
  try {
    const found: string[] = [];
    for (const table of db.tables) {
      if (table.name === 'unsaved' || table.name === 'quarantine') continue;
      for (const row of await table.toArray()) {
        if (JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? undefined : v)).includes(calendarId)) found.push(table.name);
      }
    }
    return found;
  } finally {
    db.close();
  }
}

async function share(ownerEmail: string, calendarId: string, userId: string, level: string): Promise<void> {
  const owner = await relay.signIn(ownerEmail);
  const r = await relay.api('PUT', `/api/calendars/${calendarId}/grants`, owner.accessToken, { subject: { kind: 'user', id: userId }, level });
  if (r.status !== 200) throw new Error(`share: ${r.status} ${JSON.stringify(r.body)}`);
}

describe('shared calendars', () => {
  it('replicates an accepted share read-only, re-syncs a downgrade at once, and removes a revoked calendar from IndexedDB', async () => {
    await relay.person('ann@example.com');
    const bob = await relay.person('bob@example.com');
    const a = await signedIn('ann@example.com');
    const cal = a.store.calendars()[0]!.id;
    await a.store.updateCalendar(cal, { name: 'Team' });
    await a.store.createEvent(cal, { when: timed('2026-03-04T09:00', '2026-03-04T10:00'), what: { ...defaultWhat('Review'), description: 'Secret agenda' }, reminders: [] });
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'owner synced');

    const b = await signedIn('bob@example.com');
    await share('ann@example.com', cal, bob.id, 'reviewer');
    await until(() => b.sync.invitations().some((i) => i.calendarId === cal && i.status === 'pending'), 10_000, 'invitation');
    const invitation = b.sync.invitations().find((i) => i.calendarId === cal)!;
    await b.sync.acceptInvitation(invitation.id);
    await until(async () => (await b.store.queryRange(...WEEK, [cal])).length === 1, 10_000, 'shared event on bob');
    expect(b.sync.calendarInfo(cal).level).toBe('reviewer');
    expect((await b.store.getEvent(cal, (await b.store.queryRange(...WEEK, [cal]))[0]!.uid))!.what.description).toBe('Secret agenda');
    await until(() => b.sync.calendarInfo(cal).sync.kind === 'read-only', 10_000, 'read-only state');
    await expect(b.store.createEvent(cal, input('Not allowed'))).rejects.toThrow(/view it but not change it/);

    // Downgrade to titles: the full document's data leaves Bob's device, titles@epoch arrives.
    await share('ann@example.com', cal, bob.id, 'limited');
    await until(() => b.store.binding(cal)?.main === 'titles', 10_000, 'rebound to titles');
    await until(async () => (await b.store.queryRange(...WEEK, [cal])).map((r) => r.title).join() === 'Review', 10_000, 'titles replicated');
    const ev = await b.store.getEvent(cal, (await b.store.queryRange(...WEEK, [cal]))[0]!.uid);
    expect(ev!.what.description).toBe('');
    const { TesseraDb } = await import('../../src/renderer/replica/TesseraDb');
    const db = new TesseraDb(b.dbName);
    await db.open();
    expect(await db.updates.where('docName').equals(`cal/${cal}/full`).count()).toBe(0);
    db.close();

    // Revoked: gone from the list and from IndexedDB.
    await share('ann@example.com', cal, bob.id, 'none');
    await until(() => !b.store.calendars().some((c) => c.id === cal), 10_000, 'calendar removed from bob');
    await until(async () => (await storedRowsOf(b.dbName, cal)).length === 0, 10_000, 'no rows left');
  });

  it('keeps an offline edit the relay refuses after a downgrade as an unsaved change, then resets the replica', async () => {
    await relay.person('ann@example.com');
    const bob = await relay.person('bob@example.com');
    const a = await signedIn('ann@example.com');
    const cal = a.store.calendars()[0]!.id;
    const uid = await a.store.createEvent(cal, input('Original'));
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'owner synced');

    const b = await signedIn('bob@example.com');
    await share('ann@example.com', cal, bob.id, 'editor');
    await until(() => b.sync.invitations().some((i) => i.calendarId === cal), 10_000, 'invitation');
    await b.sync.acceptInvitation(b.sync.invitations().find((i) => i.calendarId === cal)!.id);
    await until(async () => (await b.store.getEvent(cal, uid)) !== null && b.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'bob synced as editor');

    b.offline();
    const ev = (await b.store.getEvent(cal, uid))!;
    await b.store.updateEvent(cal, uid, null, { when: ev.when, what: { ...ev.what, title: 'Edited offline' }, reminders: [] }, 'series');
    expect(b.store.pendingIds(`cal/${cal}/full`).length).toBeGreaterThan(0);
    expect(b.sync.calendarInfo(cal).sync).toMatchObject({ kind: 'offline', pendingChanges: 1 });

    await share('ann@example.com', cal, bob.id, 'reviewer');
    await b.online();
    await until(() => b.sync.unsavedChanges().length === 1, 15_000, 'unsaved change kept');
    const kept = b.sync.unsavedChanges()[0]!;
    expect(kept.event.what.title).toBe('Edited offline');
    expect(kept.calendarId).toBe(cal);
    expect(kept.reason).toMatch(/Can view all details/);
    await until(async () => (await b.store.getEvent(cal, uid))?.what.title === 'Original', 10_000, 'replica reset to the relay copy');
    await until(() => b.sync.calendarInfo(cal).sync.kind === 'read-only', 10_000, 'read-only after reset');
    expect(b.store.pendingIds(`cal/${cal}/full`)).toEqual([]);
    expect(b.sync.exportUnsaved(kept.id)).toMatch(/SUMMARY:Edited offline/);
    // The person copies it to their own calendar.
    const own = b.store.calendars().find((c) => c.id !== cal)!.id;
    await b.sync.copyUnsavedTo(kept.id, own);
    expect(b.sync.unsavedChanges()).toEqual([]);
    expect((await b.store.queryRange(...WEEK, [own])).map((r) => r.title)).toEqual(['Edited offline']);
    // The owner's copy never saw the refused edit.
    expect((await a.store.getEvent(cal, uid))!.what.title).toBe('Original');
  });
});

describe('offline and private', () => {
  it('merges offline edits of two devices on reconnect, counting pending changes across a restart', async () => {
    await relay.person('ann@example.com');
    const a = await signedIn('ann@example.com');
    const cal = a.store.calendars()[0]!.id;
    const uid = await a.store.createEvent(cal, input('Shared'));
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'a synced');
    const b = await signedIn('ann@example.com');
    await until(async () => (await b.store.getEvent(cal, uid)) !== null, 10_000, 'b has the event');
    await until(() => b.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'b synced');

    a.offline();
    b.offline();
    const ev = (await a.store.getEvent(cal, uid))!;
    await a.store.updateEvent(cal, uid, null, { when: ev.when, what: { ...ev.what, title: 'Title from A' }, reminders: [] }, 'series');
    await b.store.updateEvent(cal, uid, null, { when: { ...ev.when, start: '2026-03-03T14:00', end: '2026-03-03T15:00' }, what: ev.what, reminders: [] }, 'series');
    await b.store.createEvent(cal, input('New on B', timed('2026-03-05T09:00', '2026-03-05T10:00')));
    expect(b.sync.calendarInfo(cal).sync).toMatchObject({ kind: 'offline', pendingChanges: 2 });

    // B restarts: its pending changes are still counted.
    const restarted = await openDevice({ dbName: b.dbName, vault: b.vault });
    devices.push(restarted);
    b.store.close();
    await restarted.store.loaded();
    expect(restarted.store.pendingIds(`cal/${cal}/full`).length).toBe(2);

    await a.online();
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced' && restarted.sync.calendarInfo(cal).sync.kind === 'synced', 15_000, 'both synced');
    for (const d of [a, restarted]) {
      await until(async () => (await d.store.queryRange(...WEEK, [cal])).length === 2, 10_000, 'both events everywhere');
      const merged = (await d.store.getEvent(cal, uid))!;
      expect(merged.what.title).toBe('Title from A');
      expect(merged.when.start).toBe('2026-03-03T14:00');
    }
  });

  it('keeps private details out of the relay’s full document and merges them back on another device', async () => {
    await relay.person('ann@example.com');
    const a = await signedIn('ann@example.com');
    const cal = a.store.calendars()[0]!.id;
    const uid = await a.store.createEvent(cal, { when: timed('2026-03-04T09:00', '2026-03-04T10:00'), what: { ...defaultWhat('Doctor'), location: 'Clinic', private: true }, reminders: [10] });
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'synced');
    const session = await relay.signIn('ann@example.com');
    const full = relay.connect(`cal/${cal}/full`, session.accessToken);
    await full.synced;
    for (const g of ['meta', 'when', 'what', 'who', 'rem']) full.doc.getMap(g);
    const json = JSON.stringify(full.doc.toJSON());
    expect(json).not.toContain('Doctor');
    expect(json).not.toContain('Clinic');
    expect(json).toContain(uid);

    const b = await signedIn('ann@example.com');
    await until(async () => (await b.store.getEvent(cal, uid))?.what.title === 'Doctor', 10_000, 'details merged on b');
    expect((await b.store.getEvent(cal, uid))!.reminders).toEqual([10]);
    expect((await b.store.queryRange(...WEEK, [cal]))[0]!.title).toBe('Doctor');
  });
});

describe('refused writes', () => {
  it('resets after a 4409 for an invalid update, keeping the edit as an unsaved change', async () => {
    await relay.person('ann@example.com');
    const a = await signedIn('ann@example.com');
    const cal = a.store.calendars()[0]!.id;
    const uid = await a.store.createEvent(cal, input('Valid'));
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'synced');
    const replica = (await a.store.loadedReplica(cal))!;
    const { ORIGIN_LOCAL } = await import('../../src/renderer/replica/CalendarReplica');
    // A title over the relay's limit, written past the store's validation (as a bug or an old version might).
    replica.doc.transact(() => replica.doc.getMap<string>('what').set(uid, JSON.stringify({ ...defaultWhat('x'.repeat(1_500)) })), ORIGIN_LOCAL);
    await until(() => a.sync.unsavedChanges().length === 1, 15_000, 'refused edit kept');
    expect(a.sync.unsavedChanges()[0]!.event.what.title).toHaveLength(1_500);
    expect(a.sync.unsavedChanges()[0]!.reason).toMatch(/refused this change/);
    await until(async () => (await a.store.getEvent(cal, uid))?.what.title === 'Valid', 10_000, 'reset to the relay copy');
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'synced again after the reset');
    // New edits after the reset go through (new client id, nothing held back).
    await a.store.createEvent(cal, input('After reset', timed('2026-03-05T09:00', '2026-03-05T10:00')));
    await until(() => a.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, 'new edit confirmed');
  });
});
