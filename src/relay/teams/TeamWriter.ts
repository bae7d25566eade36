import type { EventGroups } from '../../shared/model/eventDocument';
import type { SubmissionNotice, SubmissionQueue } from '../../shared/protocol/teamCalendars';

/**
 * What the queue writes into documents, which only the running relay may do
 * (one process writes documents): the approved event into `full`, notices into
 * inboxes. The admin CLI has none, so it cannot approve or reject.
 */
export interface TeamWriter {
  writeEvent(calendarId: string, key: string, groups: Partial<EventGroups>): void;
  /** Puts (or, with null, removes) an item in a person's inbox. */
  putInboxItem(userId: string, id: string, item: SubmissionNotice | SubmissionQueue | null): void;
}
