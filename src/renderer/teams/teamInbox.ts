import type * as Y from 'yjs';
import { readInboxItems } from '../../shared/protocol/inboxDocument';
import type { SubmissionNotice, SubmissionQueue } from '../../shared/protocol/teamCalendars';

/** The queue badges of the team calendars the person maintains (one per calendar with items waiting). */
export function readSubmissionQueues(inbox: Y.Doc): SubmissionQueue[] {
  return readInboxItems(inbox).filter((i): i is SubmissionQueue => i.kind === 'submission-queue');
}

/** Decisions on the person's own submissions, newest first, leaving out dismissed ones. */
export function readSubmissionNotices(inbox: Y.Doc, dismissed: ReadonlySet<string>): SubmissionNotice[] {
  return readInboxItems(inbox)
    .filter((i): i is SubmissionNotice => i.kind === 'submission' && !dismissed.has(i.id))
    .sort((a, b) => b.at - a.at);
}
