import { randomUUID } from 'node:crypto';
import type { CalendarAccess } from '../../shared/protocol/api';
import { newCalendarDefault } from '../policies/checkPolicy';
import { conflict, RelayError } from '../RelayError';
import type { PersonRow } from '../store/rowSchemas';
import { actorOf } from './actorOf';
import type { SharingContext } from './SharingContext';

/**
 * Registers a calendar owned by `owner`. The id may be chosen by the client (a
 * calendar made offline keeps its id) when it is free; registering the same id
 * again by its owner returns it unchanged, so a retried request is harmless.
 */
export function createCalendar(ctx: SharingContext, owner: PersonRow, body: { id?: string; name: string }): { access: CalendarAccess; created: boolean } {
  const id = body.id ?? randomUUID();
  const now = ctx.now();
  const existing = ctx.store.sharing.calendar(id);
  if (existing) {
    if (existing.owner_id !== owner.id) throw conflict('A calendar with this id exists');
    return { access: ctx.reader.toAccess(existing, ctx.reader.reach(owner, existing)), created: false };
  }
  if (ctx.store.sharing.isDeletedCalendarId(id)) throw new RelayError(409, 'calendar_deleted', 'This calendar id belonged to a deleted calendar; reset the replica and register it under a new id');
  const calendar = ctx.store.transaction(() => {
    const row = ctx.store.sharing.createCalendar({ id, org_id: owner.org_id, owner_id: owner.id, name: body.name, default_level: newCalendarDefault(ctx.store.db, owner.org_id), created_at: now });
    ctx.store.audit.record({ orgId: owner.org_id, actorId: owner.id, actorName: owner.name, action: 'calendar.create', calendarId: id, subject: null, detail: { name: body.name } }, now);
    return row;
  });
  const actor = actorOf(owner);
  ctx.effects.accessChanged(ctx.reader.reachers(calendar), { byId: actor.id, byName: actor.name });
  return { access: ctx.reader.toAccess(calendar, ctx.reader.reach(owner, calendar)), created: true };
}
