import type * as Y from 'yjs';
import { readInboxItems } from '../../shared/protocol/inboxDocument';
import {
  answersCurrentTime,
  cancelNoteKey,
  meetingAnswersMap,
  meetingCancelNotesMap,
  parseMeetingAnswer,
  type MeetingItem,
  type MeetingReply,
  type MeetingResponse,
} from '../../shared/protocol/meetings';

/**
 * Meeting requests as the person sees them: the relay's inbox items, except that
 * an answer given on this or another of their devices (carried by their overlay)
 * shows at once, before the relay has applied it and rewritten the item.
 */
export function readMeetingRequests(inbox: Y.Doc, overlay: Y.Doc, myName: string): MeetingItem[] {
  const answers = meetingAnswersMap(overlay);
  return readInboxItems(inbox)
    .filter((i): i is MeetingItem => i.kind === 'meeting')
    .map((item) => {
      const mine = parseMeetingAnswer(answers.get(item.id));
      // An answer to the time before the organiser moved the meeting was cleared by the relay and must not show again.
      if (!mine || item.status !== 'request' || !answersCurrentTime(mine, item) || (item.answer && item.answer.at >= mine.at)) return item;
      return { ...item, answer: { response: mine.response, comment: mine.comment, at: mine.at, byName: myName } };
    });
}

export function readMeetingReplies(inbox: Y.Doc, dismissed: ReadonlySet<string>): MeetingReply[] {
  return readInboxItems(inbox).filter((i): i is MeetingReply => i.kind === 'meeting-reply' && !dismissed.has(i.id));
}

/**
 * The answer goes into the person's overlay; the relay reads it from there whenever it syncs (offline: on reconnect).
 * `version` is the request version answered, so an answer given before the organiser moved the meeting never applies to the new time.
 */
export function recordMeetingAnswer(overlay: Y.Doc, itemId: string, response: MeetingResponse, comment: string, at: number, version: number, origin: unknown): void {
  overlay.transact(() => meetingAnswersMap(overlay).set(itemId, JSON.stringify({ response, comment, at, version })), origin);
}

/** Written just before the organiser deletes the meeting; the relay adds it to the cancellations it sends. */
export function recordCancelNote(overlay: Y.Doc, calendarId: string, eventKey: string, message: string, at: number, origin: unknown): void {
  overlay.transact(() => meetingCancelNotesMap(overlay).set(cancelNoteKey(calendarId, eventKey), JSON.stringify({ calendarId, eventKey, message, at })), origin);
}
