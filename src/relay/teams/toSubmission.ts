import { submitItemSchema, type Submission } from '../../shared/protocol/teamCalendars';
import type { SharingContext } from '../sharing/SharingContext';
import type { SubmissionRow } from '../store/TeamStore';

export function toSubmission(ctx: SharingContext, row: SubmissionRow): Submission | null {
  let item: unknown;
  try {
    item = JSON.parse(row.item);
  } catch {
    return null;
  }
  const parsed = submitItemSchema.safeParse(item);
  // A damaged row is left out rather than shown half-read.
  if (!parsed.success) return null;
  return {
    id: row.id,
    calendarId: row.calendar_id,
    submitterId: row.submitter_id,
    submitterName: ctx.store.directory.person(row.submitter_id)?.name ?? 'Unknown',
    item: parsed.data,
    status: row.status,
    reason: row.reason,
    at: row.at,
    decidedAt: row.decided_at,
    decidedByName: row.decided_by_name,
    eventKey: row.event_key,
  };
}
