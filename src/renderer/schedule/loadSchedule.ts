import { canRead } from '../../shared/permissions/canRead';
import type { CalendarAccess, Directory, Me } from '../../shared/protocol/api';
import { busyKindOf, type BusyInterval } from '../../shared/schedule/BusyInterval';
import type { CalendarStore } from '../replica/CalendarStore';
import type { SyncService } from '../sync/SyncService';
import type { AttendeeRef, SchedulePerson } from './SchedulePerson';

/** The organiser's key when nobody is signed in. */
export const ORGANIZER_KEY = 'you';
const attempted = new Set<string>();

export interface ScheduleQuery {
  store: CalendarStore;
  sync: SyncService | null;
  /** The organiser (signed-in person); null when not signed in (only their local calendars count). */
  me: Me | null;
  attendees: readonly AttendeeRef[];
  fromMs: number;
  toMs: number;
  /** The event being edited: its own time must not show as a conflict with itself. */
  excludeUid?: string | null;
}

export interface Schedule {
  people: SchedulePerson[];
  /** Calendars added quietly (hidden) so the next look works offline; empty when none were needed. */
  syncing: string[];
}

/**
 * Everyone's busy times and working hours, from what this device holds: the
 * replicas of calendars the organiser may read (any level from availability up,
 * including through the organisation default) and the directory as last synced.
 * Nothing here asks the relay for anyone's events, so it works offline and can
 * never show more than the organiser may see.
 *
 * A colleague's calendar the organiser may read but has not in their list is
 * added quietly, hidden (`quietlyAdd`): that starts a replica at the level the
 * organiser already holds, so the next look (and the conflict check) works
 * offline; until it has synced, that person's availability shows as unknown.
 */
export async function loadSchedule(q: ScheduleQuery, quietlyAdd = true): Promise<Schedule> {
  const { store, sync, me } = q;
  const directory = sync ? await sync.directory().catch((): Directory | null => null) : null;
  const listed = store.calendars();
  const listedIds = new Set(listed.map((c) => c.id));
  const reachable: CalendarAccess[] = [];
  const localOwn: string[] = [];
  for (const c of listed) {
    const access = sync?.calendarInfo(c.id).access ?? null;
    if (access) reachable.push(access);
    else localOwn.push(c.id);
  }
  if (sync) reachable.push(...sync.availableCalendars());
  const byOwner = new Map<string, CalendarAccess[]>();
  for (const a of reachable) {
    if (a.stale || !canRead(a.level)) continue;
    (byOwner.get(a.ownerId) ?? byOwner.set(a.ownerId, []).get(a.ownerId)!).push(a);
  }

  // Signed out, the organiser is "You" with only their local calendars.
  const organizer: AttendeeRef = me ? { email: me.email, name: me.name, required: true } : { email: ORGANIZER_KEY, name: 'You', required: true };
  const refs = dedupe([organizer, ...q.attendees]);
  const people: SchedulePerson[] = [];
  const toAdd = new Set<string>();
  for (const ref of refs) {
    const key = ref.email.trim().toLowerCase();
    const isOrganizer = ref === organizer;
    const entry = directory?.people.find((p) => p.email.toLowerCase() === key) ?? null;
    const personId = entry?.id ?? (isOrganizer ? (me?.id ?? null) : null);
    const base = { ...ref, key, isOrganizer, personId, zone: entry?.zone ?? null, workingHours: entry?.workingHours ?? null };
    const calendarIds = new Set<string>();
    if (isOrganizer) for (const id of localOwn) calendarIds.add(id);
    let waiting = false;
    for (const a of personId ? (byOwner.get(personId) ?? []) : []) {
      if (listedIds.has(a.id)) calendarIds.add(a.id);
      else {
        toAdd.add(a.id);
        waiting = true;
      }
    }
    if (calendarIds.size === 0 && !isOrganizer) {
      const unknownReason = !personId ? 'Outside your organisation: availability unknown' : waiting ? 'Availability syncing…' : 'No calendar of theirs is shared with you';
      people.push({ ...base, busy: null, unknownReason });
      continue;
    }
    const rows = await store.queryRange(q.fromMs, q.toMs, [...calendarIds]);
    const busy: BusyInterval[] = [];
    for (const r of rows) {
      if (q.excludeUid && r.uid === q.excludeUid) continue;
      const kind = busyKindOf(r.showAs);
      if (kind && r.endMs > r.startMs) busy.push({ startMs: r.startMs, endMs: r.endMs, kind });
    }
    busy.sort((a, b) => a.startMs - b.startMs);
    people.push({ ...base, busy, unknownReason: null });
  }

  const syncing = [...toAdd];
  if (quietlyAdd && sync) {
    for (const id of syncing) {
      // Once per calendar and session: a refusal must not be retried on every store change.
      if (attempted.has(id)) continue;
      attempted.add(id);
      try {
        await sync.addAvailableCalendar(id);
        await store.updateCalendar(id, { hidden: true });
      } catch (err) {
        console.warn('Could not start syncing a colleague’s calendar for find a time:', err);
      }
    }
  }
  return { people, syncing };
}

function dedupe(refs: readonly AttendeeRef[]): AttendeeRef[] {
  const seen = new Set<string>();
  const out: AttendeeRef[] = [];
  for (const r of refs) {
    const k = r.email.trim().toLowerCase();
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}
