import { atLeast } from '../../shared/permissions/compareLevels';
import { GROUPS, groupMap, parseGroup, type Group } from '../../shared/model/eventDocument';
import type { DeletedEvent } from '../../shared/protocol/trash';
import { z } from 'zod';
import { conflict, forbidden, notFound, RelayError } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import type { CalendarRow } from '../store/rowSchemas';
import type { Room } from '../sync/Room';
import type { RoomHost } from '../sync/RoomHost';
import { TRASH_MS } from './trashPeriod';

const storedGroupsSchema = z.object({ when: z.string() }).catchall(z.string());

/**
 * The event trash: when an event leaves a calendar's `full` document (its `when`
 * entry is removed by a client), the relay keeps the groups it last had for
 * TRASH_MS. The owner, its editors and admins list them and restore one: a
 * relay write back into `full`, which reaches every open replica at once.
 */
export class EventTrash {
  constructor(
    private readonly ctx: SharingContext,
    private readonly host: RoomHost,
  ) {}

  /** RoomHost's onChanged, for `full` rooms: keeps what a client's update removed. */
  onChanged(room: Room, removed: ReadonlyMap<string, ReadonlyMap<string, unknown>> | undefined, byUserId: string | null): void {
    const calendarId = room.group.calendar?.id;
    const gone = removed?.get('when');
    if (room.kind !== 'full' || !calendarId || !gone || gone.size === 0) return;
    const now = this.ctx.now();
    const when = groupMap(room.doc, 'when');
    this.ctx.store.transaction(() => {
      for (const [key, value] of gone) {
        if (when.has(key) || typeof value !== 'string') continue;
        const groups: Partial<Record<Group, string>> = { when: value };
        for (const g of GROUPS) {
          if (g === 'when') continue;
          // The other groups went in the same update, or linger as orphans readers ignore.
          const v = removed?.get(g)?.get(key) ?? groupMap(room.doc, g).get(key);
          if (typeof v === 'string') groups[g] = v;
        }
        this.ctx.store.trash.putEvent({ calendar_id: calendarId, event_key: key, groups: JSON.stringify(groups), deleted_at: now, deleted_by: byUserId });
      }
    });
  }

  list(actor: Actor, calendarId: string): DeletedEvent[] {
    this.requireEditor(actor, calendarId);
    return this.ctx.store.trash.eventsOf(calendarId).map((row) => {
      const groups = parseStored(row.groups);
      const what = groups ? parseGroup('what', groups.what) : null;
      const when = groups ? parseGroup('when', groups.when) : null;
      return { key: row.event_key, title: what?.title ?? '', start: when?.start ?? null, deletedAt: row.deleted_at, deletedBy: row.deleted_by, purgeAt: row.deleted_at + TRASH_MS };
    });
  }

  /** Writes the event back into `full` as it was when deleted, and takes it out of the trash. */
  restore(actor: Actor, calendarId: string, key: string): void {
    const calendar = this.requireEditor(actor, calendarId);
    if (this.ctx.store.archive.isArchived(calendarId)) throw new RelayError(409, 'archived', 'This calendar is archived: restore the calendar first');
    const row = this.ctx.store.trash.event(calendarId, key);
    if (!row) throw notFound('Deleted event');
    const groups = parseStored(row.groups);
    if (!groups || !parseGroup('when', groups.when)) throw new RelayError(500, 'trash_damaged', 'This deleted event is damaged and cannot be restored');
    const room = this.host.open({ kind: 'calendar', calendarId, doc: 'full' });
    if (groupMap(room.doc, 'when').has(key)) throw conflict('An event with this key exists in the calendar');
    this.host.writeServer(room, (doc) => {
      for (const g of GROUPS) {
        const v = groups[g];
        if (v !== undefined && parseGroup(g, v) !== null) groupMap(doc, g).set(key, v);
      }
    });
    const now = this.ctx.now();
    this.ctx.store.transaction(() => {
      this.ctx.store.trash.deleteEvent(calendarId, key);
      this.ctx.store.audit.record({ orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'event.restore', calendarId, subject: key, detail: { deletedAt: row.deleted_at } }, now);
    });
  }

  /** The owner, editors and delegates (who may delete events) and admins of its organisation. */
  private requireEditor(actor: Actor, calendarId: string): CalendarRow {
    const calendar = this.ctx.store.sharing.calendar(calendarId);
    if (!calendar) throw notFound('Calendar');
    if (administers(actor, calendar.org_id)) return calendar;
    const person = this.ctx.store.directory.person(actor.id);
    const level = person ? this.ctx.reader.reach(person, calendar).level : 'none';
    if (level === 'none') throw notFound('Calendar');
    if (!atLeast(level, 'editor')) throw forbidden('Only people who can edit this calendar can see and restore its deleted events');
    return calendar;
  }
}

function parseStored(raw: string): Partial<Record<Group, string>> | null {
  try {
    const r = storedGroupsSchema.safeParse(JSON.parse(raw));
    return r.success ? (r.data as Partial<Record<Group, string>>) : null;
  } catch {
    return null;
  }
}
