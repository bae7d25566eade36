import { forbidden, notFound } from '../RelayError';
import type { CalendarRow } from '../store/rowSchemas';
import type { Actor, SharingContext } from './SharingContext';

/** Whether the actor administers this organisation (the CLI administers all). */
export function administers(actor: Actor, orgId: string): boolean {
  return actor.isAdmin && (actor.orgId === null || actor.orgId === orgId);
}

/**
 * The calendar, if the actor may manage its sharing: its owner, or an admin of
 * its organisation. Others learn only that it is not theirs to manage; people
 * who cannot reach it at all get a 404, so ids of others' calendars leak nothing.
 */
export function requireManager(ctx: SharingContext, actor: Actor, calendarId: string): CalendarRow {
  const calendar = ctx.store.sharing.calendar(calendarId);
  if (!calendar) throw notFound('Calendar');
  if ((calendar.owner_id === actor.id && calendar.team !== true) || administers(actor, calendar.org_id)) return calendar;
  const person = ctx.store.directory.person(actor.id);
  if (person && ctx.reader.reach(person, calendar).level !== 'none') throw forbidden('Only the owner or an administrator can manage this calendar');
  throw notFound('Calendar');
}
