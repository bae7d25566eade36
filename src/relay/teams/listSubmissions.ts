import { canRead } from '../../shared/permissions/canRead';
import { canWrite } from '../../shared/permissions/canWrite';
import type { Submission } from '../../shared/protocol/teamCalendars';
import { notFound } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { toSubmission } from './toSubmission';

/** Maintainers and admins see the whole queue; anyone else in scope sees their own items. */
export function listSubmissions(ctx: SharingContext, actor: Actor, calendarId: string): Submission[] {
  const calendar = ctx.store.sharing.calendar(calendarId);
  if (!calendar || !ctx.store.teams.team(calendarId)) throw notFound('Team calendar');
  const person = ctx.store.directory.person(actor.id);
  const level = person ? ctx.reader.reach(person, calendar).level : 'none';
  const manages = canWrite(level) || administers(actor, calendar.org_id);
  if (!manages && !canRead(level)) throw notFound('Team calendar');
  const rows = manages ? ctx.store.teams.submissionsOf(calendarId) : ctx.store.teams.submissionsBy(calendarId, actor.id);
  return rows.flatMap((r) => {
    const s = toSubmission(ctx, r);
    return s ? [s] : [];
  });
}
