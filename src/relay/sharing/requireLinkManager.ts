import { forbidden, notFound } from '../RelayError';
import type { CalendarRow } from '../store/rowSchemas';
import { administers } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/**
 * Who may touch a calendar's published links. Publishing puts the calendar on
 * the open internet, so only its owner does it (as in Outlook, where delegates
 * cannot publish). An administrator of its organisation may list and revoke
 * them too, to shut a leaked link, but never publish one or read its URL.
 * Like requireManager, people who cannot reach the calendar get a 404.
 */
export function requireLinkManager(ctx: SharingContext, actor: Actor, calendarId: string, action: 'publish' | 'manage'): { calendar: CalendarRow; isOwner: boolean } {
  const calendar = ctx.store.sharing.calendar(calendarId);
  if (!calendar) throw notFound('Calendar');
  if (calendar.owner_id === actor.id) return { calendar, isOwner: true };
  if (action === 'manage' && administers(actor, calendar.org_id)) return { calendar, isOwner: false };
  const person = ctx.store.directory.person(actor.id);
  if (administers(actor, calendar.org_id) || (person && ctx.reader.reach(person, calendar).level !== 'none')) {
    throw forbidden('Only the calendar’s owner can publish it');
  }
  throw notFound('Calendar');
}
