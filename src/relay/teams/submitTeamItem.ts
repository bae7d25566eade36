import { canRead } from '../../shared/permissions/canRead';
import { canWrite } from '../../shared/permissions/canWrite';
import { validateEvent } from '../../shared/model/validateEvent';
import { MAX_PENDING_PER_PERSON, type Submission, type SubmittedItem } from '../../shared/protocol/teamCalendars';
import { badRequest, conflict, forbidden, notFound, RelayError } from '../RelayError';
import type { SharingContext } from '../sharing/SharingContext';
import type { PersonRow } from '../store/rowSchemas';
import { newId } from '../store/newId';
import { toSubmission } from './toSubmission';
import { toEventGroups } from './toEventGroups';
import type { TeamWriter } from './TeamWriter';
import { updateQueueBadges } from './updateQueueBadges';

/**
 * A person in a team calendar's scope who cannot edit it proposes an item; it
 * waits in the relay's queue until a maintainer approves or rejects it. People
 * outside the scope learn nothing (404), as for any calendar they do not reach.
 */
export function submitTeamItem(ctx: SharingContext, writer: TeamWriter | null, person: PersonRow, calendarId: string, item: SubmittedItem): Submission {
  const calendar = ctx.store.sharing.calendar(calendarId);
  const team = calendar ? ctx.store.teams.team(calendarId) : null;
  if (!calendar || !team) throw notFound('Team calendar');
  const level = ctx.reader.reach(person, calendar).level;
  if (!canRead(level)) throw notFound('Team calendar');
  if (!team.accepts_submissions) throw forbidden('This team calendar does not accept submissions');
  if (canWrite(level)) throw conflict('You can edit this calendar: add the item to it directly');
  const problems = validateEvent({ ...toEventGroups(item), reminders: [] });
  if (problems.length > 0) throw badRequest(problems.join('; '));
  if (ctx.store.teams.pendingCountBy(calendarId, person.id) >= MAX_PENDING_PER_PERSON) {
    throw new RelayError(429, 'too_many_submissions', `At most ${MAX_PENDING_PER_PERSON} of your items may wait in this queue; wait for the maintainers to decide`);
  }
  const now = ctx.now();
  const row = { id: newId(), calendar_id: calendarId, submitter_id: person.id, item: JSON.stringify(item), status: 'pending' as const, reason: '', at: now, decided_at: null, decided_by_name: '', event_key: null };
  ctx.store.transaction(() => {
    ctx.store.teams.insertSubmission(row);
    ctx.store.audit.record(
      { orgId: calendar.org_id, actorId: person.id, actorName: person.name, action: 'team.submit', calendarId, subject: `user:${person.id}`, detail: { submissionId: row.id, title: item.title } },
      now,
    );
  });
  if (writer) updateQueueBadges(ctx, writer, calendar);
  return toSubmission(ctx, row)!;
}

