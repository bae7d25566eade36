import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { defaultWhat, type CalendarEvent } from '../../src/shared/model/CalendarEvent';
import { writeEvent } from '../../src/shared/model/eventDocument';
import type { CalendarAccess } from '../../src/shared/protocol/api';
import { localBinding, type ReplicaBinding } from '../../src/renderer/replica/ReplicaBinding';
import { computeSyncState, type CalendarSyncInput } from '../../src/renderer/sync/computeSyncState';
import { findUnsavedChanges } from '../../src/renderer/sync/findUnsavedChanges';
import { formatEventIcs } from '../../src/renderer/sync/formatEventIcs';
import { planCalendars, type PlannedCalendar } from '../../src/renderer/sync/planCalendars';
import type { RoomState } from '../../src/renderer/sync/RoomState';

const room = (over: Partial<RoomState> = {}): RoomState => ({ room: 'cal/a/full', connection: 'live', pending: 0, lastSyncedAt: 1_000, readOnly: false, ...over });
const input = (over: Partial<CalendarSyncInput> = {}): CalendarSyncInput => ({ local: false, staleSince: null, readOnly: false, rooms: [room()], pendingWithoutRooms: 0, lastSyncedWithoutRooms: null, accountOffline: false, error: null, ...over });

describe('computeSyncState', () => {
  it('says synced only when every room is live, confirmed and nothing waits', () => {
    expect(computeSyncState(input())).toEqual({ kind: 'synced', at: 1_000 });
    expect(computeSyncState(input({ rooms: [room(), room({ room: 'cal/a/private', lastSyncedAt: 500 })] }))).toEqual({ kind: 'synced', at: 500 });
    expect(computeSyncState(input({ rooms: [room({ lastSyncedAt: null })] }))).toEqual({ kind: 'connecting', lastSyncedAt: null });
  });

  it('counts waiting changes, offline or not', () => {
    expect(computeSyncState(input({ rooms: [room({ pending: 2 }), room({ pending: 1 })] }))).toEqual({ kind: 'pending', changes: 3, lastSyncedAt: 1_000 });
    expect(computeSyncState(input({ rooms: [room({ connection: 'offline', pending: 2 })] }))).toEqual({ kind: 'offline', lastSyncedAt: 1_000, pendingChanges: 2 });
    expect(computeSyncState(input({ rooms: [], accountOffline: true, pendingWithoutRooms: 4 }))).toEqual({ kind: 'offline', lastSyncedAt: null, pendingChanges: 4 });
  });

  it('reports local, stale, read-only and errors as such', () => {
    expect(computeSyncState(input({ local: true }))).toEqual({ kind: 'local' });
    expect(computeSyncState(input({ staleSince: 7 }))).toEqual({ kind: 'stale', since: 7 });
    expect(computeSyncState(input({ readOnly: true }))).toEqual({ kind: 'read-only', at: 1_000 });
    expect(computeSyncState(input({ error: 'boom' }))).toEqual({ kind: 'error', message: 'boom' });
  });
});

const access = (id: string, over: Partial<CalendarAccess> = {}): CalendarAccess => ({ id, name: id, ownerId: 'o', ownerName: 'O', level: 'owner', via: 'owner', seesPrivate: false, epochs: { titles: 1, busy: 2 }, stale: false, ...over });
const relayBinding = (id: string, over: Partial<ReplicaBinding> = {}): ReplicaBinding => ({ ...localBinding(id), source: 'relay', ...over });
const cal = (id: string, over: Partial<PlannedCalendar> = {}): PlannedCalendar => ({ id, binding: relayBinding(id), onRelay: true, pending: false, auto: false, empty: false, ...over });
const plan = (calendars: PlannedCalendar[], list: CalendarAccess[], over: { accessConfirmed?: boolean; overlayConfirmed?: boolean } = {}) =>
  planCalendars({ calendars, access: new Map(list.map((a) => [a.id, a])), accessConfirmed: over.accessConfirmed ?? true, overlayConfirmed: over.overlayConfirmed ?? true, deletedOwned: new Set(), now: 5 });

describe('planCalendars', () => {
  it('syncs what the access map and the overlay both have, at the level granted', () => {
    expect(plan([cal('a')], [access('a')])).toEqual([{ kind: 'sync', calendarId: 'a' }]);
    const [bind] = plan([cal('a')], [access('a', { level: 'limited' })]);
    expect(bind).toMatchObject({ kind: 'bind', binding: { main: 'titles', epoch: 1, private: false, level: 'limited' }, reset: false });
  });

  it('resets instead of dropping unconfirmed edits on a downgrade', () => {
    const [bind] = plan([cal('a', { pending: true })], [access('a', { level: 'reviewer' })]);
    expect(bind).toMatchObject({ kind: 'bind', reset: true });
  });

  it('removes a calendar that left the access map, but only on a fresh access map', () => {
    expect(plan([cal('a', { pending: true })], [])).toEqual([{ kind: 'remove', calendarId: 'a', keepUnsaved: true }]);
    expect(plan([cal('a')], [], { accessConfirmed: false })).toEqual([{ kind: 'sync', calendarId: 'a' }]);
  });

  it('stops a stale calendar and keeps it', () => {
    expect(plan([cal('a')], [access('a', { level: 'reviewer', stale: true })]).map((p) => p.kind)).toEqual(['bind', 'stop']);
  });

  it('uploads local calendars, drops an untouched empty starter when the account has calendars, adds owned ones', () => {
    const local = (id: string, over: Partial<PlannedCalendar> = {}) => cal(id, { binding: localBinding(id), onRelay: false, ...over });
    expect(plan([local('mine')], [])).toEqual([{ kind: 'upload', calendarId: 'mine' }]);
    expect(plan([local('mine')], [], { overlayConfirmed: false })).toEqual([]);
    expect(plan([local('starter', { auto: true, empty: true }), cal('a')], [access('a')]).map((p) => p.kind)).toEqual(['drop-auto', 'sync']);
    expect(plan([local('starter', { auto: true, empty: true })], [])).toEqual([{ kind: 'upload', calendarId: 'starter' }]);
    expect(plan([], [access('b')])).toEqual([{ kind: 'add', access: access('b') }]);
    expect(plan([], [access('b', { level: 'reviewer' })])).toEqual([]);
  });
});

describe('findUnsavedChanges', () => {
  const when = { start: '2026-03-03T09:00', end: '2026-03-03T10:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] };
  const ev = (title: string, description = ''): CalendarEvent => ({ uid: 'e', recurrenceId: null, when, what: { ...defaultWhat(title), description }, who: { organizer: null, attendees: [] }, reminders: [] });
  const docWith = (e: CalendarEvent | null) => {
    const doc = new Y.Doc();
    if (e) doc.transact(() => writeEvent(doc, 'e', { when: e.when, what: e.what }));
    return doc;
  };

  it('keeps candidates that differ from or are missing in the relay’s full copy', () => {
    const local = { read: () => ev('Mine') };
    expect(findUnsavedChanges(local, ['e'], { main: docWith(ev('Theirs')), kind: 'full', private: null })).toHaveLength(1);
    expect(findUnsavedChanges(local, ['e'], { main: docWith(ev('Mine')), kind: 'full', private: null })).toHaveLength(0);
    expect(findUnsavedChanges(local, ['e'], { main: docWith(null), kind: 'full', private: null })).toHaveLength(1);
  });

  it('keeps every candidate when only a projection (or nothing) can be compared', () => {
    const local = { read: () => ev('Mine', 'changed description') };
    expect(findUnsavedChanges(local, ['e'], { main: docWith(ev('Mine')), kind: 'titles', private: null })).toHaveLength(1);
    expect(findUnsavedChanges(local, ['e'], { main: null, kind: 'full', private: null })).toHaveLength(1);
    expect(findUnsavedChanges({ read: () => null }, ['e'], { main: null, kind: 'full', private: null })).toHaveLength(0);
  });
});

describe('formatEventIcs', () => {
  it('writes a loadable VEVENT with escaped text and folded lines', () => {
    const text = formatEventIcs(
      {
        uid: 'u1',
        recurrenceId: null,
        when: { start: '2026-03-03T09:00', end: '2026-03-03T10:30:00', tzid: 'Europe/Berlin', allDay: false, rrule: 'FREQ=WEEKLY;COUNT=3', exdates: [], rdates: [] },
        what: { ...defaultWhat('Plan; review, again'), description: 'x'.repeat(200), private: true },
        who: { organizer: null, attendees: [] },
        reminders: [15],
      },
      Date.UTC(2026, 0, 1),
    );
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260303T090000\r\n');
    expect(text).toContain('DTEND;TZID=Europe/Berlin:20260303T103000\r\n');
    expect(text).toContain('SUMMARY:Plan\\; review\\, again\r\n');
    expect(text).toContain('RRULE:FREQ=WEEKLY;COUNT=3');
    expect(text).toContain('CLASS:PRIVATE');
    expect(text).toContain('TRIGGER:-PT15M');
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});
