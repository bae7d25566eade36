import { canWrite } from '../../shared/permissions/canWrite';
import { submissionQueueItemId } from '../../shared/protocol/teamCalendars';
import type { SharingContext } from '../sharing/SharingContext';
import type { CalendarRow } from '../store/rowSchemas';
import type { TeamWriter } from './TeamWriter';

/**
 * Puts the number of waiting items in the inbox of everyone who can edit the
 * calendar (the badge on its menu), and clears it for `formerly` (people who
 * no longer can), so every maintainer's devices learn of a new item at once.
 */
export function updateQueueBadges(ctx: SharingContext, writer: TeamWriter, calendar: CalendarRow, formerly: readonly string[] = []): void {
  const pending = ctx.store.teams.pendingCount(calendar.id);
  const id = submissionQueueItemId(calendar.id);
  const editors = ctx.reader
    .effective(calendar)
    .filter((e) => canWrite(e.level))
    .map((e) => e.userId);
  for (const userId of editors) {
    writer.putInboxItem(userId, id, pending === 0 ? null : { id, kind: 'submission-queue', calendarId: calendar.id, calendarName: calendar.name, pending, at: ctx.now() });
  }
  for (const userId of formerly) if (!editors.includes(userId)) writer.putInboxItem(userId, id, null);
}
