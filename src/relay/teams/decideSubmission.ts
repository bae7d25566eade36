import { randomUUID } from 'node:crypto';
import { canWrite } from '../../shared/permissions/canWrite';
import type { Submission } from '../../shared/protocol/teamCalendars';
import { conflict, forbidden, notFound, RelayError } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { newId } from '../store/newId';
import { toEventGroups } from './toEventGroups';
import { toSubmission } from './toSubmission';
import type { TeamWriter } from './TeamWriter';
import { updateQueueBadges } from './updateQueueBadges';

export type Decision = { approve: true } | { approve: false; reason: string };

/**
 * A maintainer (anyone who can edit the team calendar) or an admin of its
 * organisation approves an item (the relay writes it into `full` as a server
 * write, so it syncs to everyone in scope) or rejects it; the submitter gets an
 * inbox notice either way.
 */
export function decideSubmission(ctx: SharingContext, writer: TeamWriter | null, actor: Actor, calendarId: string, submissionId: string, decision: Decision): Submission {
  if (!writer) throw new RelayError(503, 'unavailable', 'Only the running relay can decide submissions');
  const calendar = ctx.store.sharing.calendar(calendarId);
  if (!calendar || !ctx.store.teams.team(calendarId)) throw notFound('Team calendar');
  const person = ctx.store.directory.person(actor.id);
  const level = person ? ctx.reader.reach(person, calendar).level : 'none';
  if (!canWrite(level) && !administers(actor, calendar.org_id)) {
    if (level === 'none') throw notFound('Team calendar');
    throw forbidden('Only the maintainers of this calendar can decide submissions');
  }
  const row = ctx.store.teams.submission(submissionId);
  if (!row || row.calendar_id !== calendarId) throw notFound('Submission');
  if (row.status !== 'pending') throw conflict(`This item was already ${row.status}`);
  const submission = toSubmission(ctx, row);
  if (!submission) throw conflict('This item is damaged and cannot be approved');
  const now = ctx.now();
  const eventKey = decision.approve ? randomUUID() : null;
  const reason = decision.approve ? '' : decision.reason;
  ctx.store.transaction(() => {
    ctx.store.teams.decide(submissionId, decision.approve ? 'approved' : 'rejected', reason, now, actor.name, eventKey);
    ctx.store.audit.record(
      {
        orgId: calendar.org_id,
        actorId: actor.id,
        actorName: actor.name,
        action: decision.approve ? 'team.approve' : 'team.reject',
        calendarId,
        subject: `user:${row.submitter_id}`,
        detail: { submissionId, title: submission.item.title, ...(eventKey ? { eventKey } : {}), ...(reason ? { reason } : {}) },
      },
      now,
    );
  });
  if (eventKey) writer.writeEvent(calendarId, eventKey, toEventGroups(submission.item));
  const noticeId = newId();
  writer.putInboxItem(row.submitter_id, noticeId, {
    id: noticeId,
    kind: 'submission',
    submissionId,
    calendarId,
    calendarName: calendar.name,
    title: submission.item.title,
    status: decision.approve ? 'approved' : 'rejected',
    reason,
    byName: actor.name,
    at: now,
  });
  updateQueueBadges(ctx, writer, calendar);
  return toSubmission(ctx, ctx.store.teams.submission(submissionId)!)!;
}
