import type { CalendarRow } from '../store/rowSchemas';
import { requireManager } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/** Renames through the API: the store, the `full` document's meta name, and every inbox that lists it. */
export function renameCalendar(ctx: SharingContext, actor: Actor, calendarId: string, name: string): CalendarRow {
  const calendar = requireManager(ctx, actor, calendarId);
  if (calendar.name !== name) {
    recordRename(ctx, calendar, name, actor.id, actor.name);
    ctx.effects.calendarRenamed(calendarId, name);
  }
  return ctx.store.sharing.calendar(calendarId) ?? calendar;
}

/**
 * A writer changed the name inside the `full` document: the store and the inboxes
 * follow, so the name people see in their calendar lists matches the document.
 */
export function renameFromDocument(ctx: SharingContext, calendarId: string, rawName: string, byUserId: string | null): void {
  const name = rawName.trim();
  const calendar = ctx.store.sharing.calendar(calendarId);
  if (!calendar || name.length === 0 || name.length > 200 || name === calendar.name) return;
  const by = byUserId ? ctx.store.directory.person(byUserId) : null;
  recordRename(ctx, calendar, name, by?.id ?? 'relay', by?.name ?? 'Relay');
}

function recordRename(ctx: SharingContext, calendar: CalendarRow, name: string, actorId: string, actorName: string): void {
  ctx.store.transaction(() => {
    ctx.store.sharing.renameCalendar(calendar.id, name);
    ctx.store.audit.record({ orgId: calendar.org_id, actorId, actorName, action: 'calendar.rename', calendarId: calendar.id, subject: null, detail: { name, previousName: calendar.name } }, ctx.now());
  });
  ctx.effects.accessChanged(ctx.reader.reachers(calendar), { byId: actorId, byName: actorName });
}
