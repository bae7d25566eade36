import type { CalendarAccess } from '../../shared/protocol/api';
import { conflict } from '../RelayError';
import type { CalendarRow } from '../store/rowSchemas';
import { requireManager } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/**
 * Archives a calendar (its owner or an admin of its organisation): it stays, with
 * its shares, but is read-only for everyone and hidden from calendar lists
 * (inboxes list it with `archived: true`). Every open socket of its rooms
 * switches to read mode before this returns, so a write already on its way is
 * refused (reset, 4409) rather than applied.
 */
export function archiveCalendar(ctx: SharingContext, actor: Actor, calendarId: string): CalendarRow {
  const calendar = requireManager(ctx, actor, calendarId);
  if (ctx.store.archive.isArchived(calendarId)) throw conflict('This calendar is archived already');
  const now = ctx.now();
  ctx.store.transaction(() => {
    ctx.store.archive.archive(calendarId, actor.id, now);
    ctx.store.audit.record({ orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'calendar.archive', calendarId, subject: null, detail: { name: calendar.name } }, now);
  });
  ctx.effects.accessChanged(ctx.reader.reachers(calendar), { byId: actor.id, byName: actor.name });
  return calendar;
}

/** Brings an archived calendar back: writable again at each person's level, and listed again. */
export function restoreCalendar(ctx: SharingContext, actor: Actor, calendarId: string): CalendarRow {
  const calendar = requireManager(ctx, actor, calendarId);
  if (!ctx.store.archive.isArchived(calendarId)) throw conflict('This calendar is not archived');
  const now = ctx.now();
  ctx.store.transaction(() => {
    ctx.store.archive.unarchive(calendarId);
    ctx.store.audit.record({ orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'calendar.unarchive', calendarId, subject: null, detail: { name: calendar.name } }, now);
  });
  ctx.effects.accessChanged(ctx.reader.reachers(calendar), { byId: actor.id, byName: actor.name });
  return calendar;
}

/** The caller's view of a calendar after archiving or restoring it. */
export function accessAfter(ctx: SharingContext, actor: Actor, calendar: CalendarRow): CalendarAccess | null {
  const person = ctx.store.directory.person(actor.id);
  return person ? ctx.reader.accessFor(person, calendar.id) : null;
}
