import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWhat, type EventWhen } from '../../src/shared/model/CalendarEvent';
import { groupSchema, permissionsSchema } from '../../src/shared/protocol/api';
import { openDevice, until, type SyncDevice } from './support/syncDevice';
import { startTestRelay, type TestRelay } from './support/relayHarness';

/**
 * The person's list of other people's calendars: "Remove from my calendars"
 * (every device drops it, the owner's share stays), "Add calendar › From your
 * organisation" (calendars reached through a share, a group or the default),
 * and invitations answered on another device.
 */
const timed = (start: string, end: string): EventWhen => ({ start, end, tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] });
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

async function signedIn(email: string): Promise<SyncDevice> {
  const d = await openDevice();
  devices.push(d);
  await d.sync.setRelayUrl(relay.relay.url);
  await d.sync.signIn(email, 'correct horse battery');
  return d;
}

/** A person's first calendar, renamed, with one event, confirmed by the relay. */
async function calendarWithEvent(d: SyncDevice, name: string, title: string): Promise<string> {
  const cal = d.store.calendars()[0]!.id;
  await d.store.updateCalendar(cal, { name });
  await d.store.createEvent(cal, { when: timed('2026-03-04T09:00', '2026-03-04T10:00'), what: { ...defaultWhat(title), description: `${title} details` }, reminders: [] });
  await until(() => d.sync.calendarInfo(cal).sync.kind === 'synced', 10_000, `${name} synced`);
  return cal;
}

async function as<T>(email: string, method: string, path: string, body?: unknown): Promise<T> {
  const session = await relay.signIn(email);
  const r = await relay.api<T>(method, path, session.accessToken, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Rows of any table of the device's database that mention the calendar. */
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

const titles = async (d: SyncDevice, cal: string) => (await d.store.queryRange(...WEEK, [cal])).map((r) => r.title);
const listed = (d: SyncDevice, cal: string) => d.store.calendars().some((c) => c.id === cal);

describe('removing a shared calendar and adding it back', () => {
  it('drops it from every device of the person and their IndexedDB, keeps the owner’s share, and offers it again', async () => {
    await relay.person('ann@example.com', { name: 'Ann Owner' });
    const bob = await relay.person('bob@example.com', { name: 'Bob' });
    const ann = await signedIn('ann@example.com');
    const cal = await calendarWithEvent(ann, 'Calendar', 'Roadmap');

    const b1 = await signedIn('bob@example.com');
    const b2 = await signedIn('bob@example.com');
    await as('ann@example.com', 'PUT', `/api/calendars/${cal}/grants`, { subject: { kind: 'user', id: bob.id }, level: 'reviewer' });
    await until(() => b1.sync.invitations().some((i) => i.calendarId === cal && i.status === 'pending'), 10_000, 'invitation on b1');
    await until(() => b2.sync.invitations().some((i) => i.calendarId === cal && i.status === 'pending'), 10_000, 'invitation on b2');
    // Before accepting, the calendar is reachable (the grant gives access at once) and so offered.
    expect(b1.sync.availableCalendars().map((a) => [a.id, a.via, a.level])).toContainEqual([cal, 'direct', 'reviewer']);
    const invitation = b1.sync.invitations().find((i) => i.calendarId === cal)!;

    // Accepted on b1: b2 never shows it as pending again, and gets the calendar.
    await b1.sync.acceptInvitation(invitation.id);
    expect(b1.sync.invitations().find((i) => i.id === invitation.id)!.status).toBe('accepted');
    await until(() => b2.sync.invitations().find((i) => i.id === invitation.id)?.status === 'accepted', 10_000, 'accepted on b2');
    await until(async () => (await titles(b2, cal)).join() === 'Roadmap', 10_000, 'shared event on b2');
    expect(b1.sync.availableCalendars().map((a) => a.id)).not.toContain(cal);

    // Someone else's calendar only: the person's own is deleted, not removed.
    const own = b1.store.calendars().find((c) => c.id !== cal)!.id;
    await until(() => b1.sync.calendarInfo(own).sync.kind === 'synced', 10_000, 'bob’s own calendar synced');
    await expect(b1.sync.removeSharedCalendar(own)).rejects.toThrow(/your own calendar/);

    await b1.sync.removeSharedCalendar(cal);
    expect(listed(b1, cal)).toBe(false);
    await until(() => !listed(b2, cal), 10_000, 'removed on b2');
    for (const d of [b1, b2]) await until(async () => (await storedRowsOf(d.dbName, cal)).length === 0, 10_000, `no rows left on ${d.dbName}`);
    expect(b1.sync.unsavedChanges()).toEqual([]);

    // The owner's share is untouched, and the invitation stays answered.
    const perms = permissionsSchema.parse(await as('ann@example.com', 'GET', `/api/calendars/${cal}/permissions`));
    expect(perms.grants.map((g) => [g.subject.id, g.level])).toEqual([[bob.id, 'reviewer']]);
    expect(b2.sync.invitations().filter((i) => i.status === 'pending')).toEqual([]);
    // Still listed in the relay's access map, so offered on both devices.
    for (const d of [b1, b2]) await until(() => d.sync.availableCalendars().some((a) => a.id === cal), 10_000, 'offered again');
    expect(b2.sync.availableCalendars().find((a) => a.id === cal)).toMatchObject({ name: 'Calendar', ownerName: 'Ann Owner', level: 'reviewer', via: 'direct' });

    // Added back from the other device: both replicate it again, details included.
    await b2.sync.addAvailableCalendar(cal);
    for (const d of [b1, b2]) await until(async () => (await titles(d, cal)).join() === 'Roadmap', 10_000, `back on ${d.dbName}`);
    const uid = (await b1.store.queryRange(...WEEK, [cal]))[0]!.uid;
    expect((await b1.store.getEvent(cal, uid))!.what.description).toBe('Roadmap details');
    await until(() => b1.sync.calendarInfo(cal).sync.kind === 'read-only', 10_000, 'read-only again');
    expect(b1.sync.availableCalendars().map((a) => a.id)).not.toContain(cal);
  });

  it('shows a declined invitation as declined on the person’s other device, and adding the calendar later accepts nothing twice', async () => {
    await relay.person('ann@example.com');
    const bob = await relay.person('bob@example.com');
    const ann = await signedIn('ann@example.com');
    const cal = await calendarWithEvent(ann, 'Plans', 'Kick-off');
    const b1 = await signedIn('bob@example.com');
    const b2 = await signedIn('bob@example.com');
    await as('ann@example.com', 'PUT', `/api/calendars/${cal}/grants`, { subject: { kind: 'user', id: bob.id }, level: 'editor' });
    await until(() => b1.sync.invitations().some((i) => i.calendarId === cal), 10_000, 'invitation');
    const invitation = b1.sync.invitations().find((i) => i.calendarId === cal)!;
    await b1.sync.declineInvitation(invitation.id);
    expect(b1.sync.invitations().find((i) => i.id === invitation.id)!.status).toBe('declined');
    await until(() => b2.sync.invitations().find((i) => i.id === invitation.id)?.status === 'declined', 10_000, 'declined on b2');
    expect(listed(b2, cal)).toBe(false);

    // Changed their mind: the calendar is still shared with them, so it can be added.
    await until(() => b2.sync.availableCalendars().some((a) => a.id === cal), 10_000, 'offered');
    await b2.sync.addAvailableCalendar(cal);
    for (const d of [b1, b2]) await until(async () => (await titles(d, cal)).join() === 'Kick-off', 10_000, `added on ${d.dbName}`);
    expect(b1.sync.calendarInfo(cal).level).toBe('editor');
  });
});

describe('calendars from the organisation', () => {
  it('offers calendars reached through a group grant and the organisation default, and replicates each at its level once added', async () => {
    relay.org('Test Org', 'availability');
    await relay.person('ann@example.com', { admin: true, name: 'Ann' });
    await relay.person('carol@example.com', { name: 'Carol' });
    const bob = await relay.person('bob@example.com', { name: 'Bob' });
    const ann = await signedIn('ann@example.com');
    const carol = await signedIn('carol@example.com');
    const team = await calendarWithEvent(ann, 'Team', 'Standup');
    // Carol's calendar has the same name as Bob's own: the UI tells them apart by owner.
    const carols = await calendarWithEvent(carol, 'Calendar', 'Dentist');

    const group = groupSchema.parse(await as('ann@example.com', 'POST', '/api/admin/groups', { name: 'Engineering' }));
    await as('ann@example.com', 'PUT', `/api/admin/groups/${group.id}/members`, { userId: bob.id });
    // Team is not for the whole organisation: Bob reaches it only once his group is given it.
    await as('ann@example.com', 'PUT', `/api/calendars/${team}/default`, { level: 'none' });
    const b = await signedIn('bob@example.com');
    await until(() => b.sync.availableCalendars().length === 1, 10_000, 'the default offers Carol’s');
    await as('ann@example.com', 'PUT', `/api/calendars/${team}/grants`, { subject: { kind: 'group', id: group.id }, level: 'reviewer' });

    // A group grant brings a "granted" notice and nothing to accept; the default, not even that.
    await until(() => b.sync.notices().some((n) => n.notice === 'granted' && n.calendarId === team), 10_000, 'granted notice');
    expect(b.sync.invitations()).toEqual([]);
    await until(() => b.sync.availableCalendars().length === 2, 10_000, 'both offered');
    expect(b.sync.availableCalendars().map((a) => [a.ownerName, a.name, a.level, a.via])).toEqual([
      ['Ann', 'Team', 'reviewer', 'group'],
      ['Carol', 'Calendar', 'availability', 'default'],
    ]);
    expect(listed(b, team) || listed(b, carols)).toBe(false);

    await b.sync.addAvailableCalendar(team);
    await b.sync.addAvailableCalendar(carols);
    expect(b.sync.availableCalendars()).toEqual([]);
    await until(async () => (await titles(b, team)).join() === 'Standup', 10_000, 'team replicated');
    expect(b.store.binding(team)).toMatchObject({ main: 'full', level: 'reviewer', private: false });
    // Availability only: busy times, never the title, reach Bob's device.
    await until(async () => (await b.store.queryRange(...WEEK, [carols])).length === 1, 10_000, 'busy time replicated');
    expect(b.store.binding(carols)).toMatchObject({ main: 'busy', level: 'availability' });
    expect(await titles(b, carols)).not.toContain('Dentist');
    expect(b.sync.calendarInfo(carols).access).toMatchObject({ ownerName: 'Carol', via: 'default' });

    // Removed again, it is offered again.
    await b.sync.removeSharedCalendar(carols);
    expect(listed(b, carols)).toBe(false);
    expect(b.sync.availableCalendars().map((a) => a.id)).toEqual([carols]);
    await expect(b.sync.addAvailableCalendar('no-such-calendar')).rejects.toThrow(/no longer available/);
  });
});
