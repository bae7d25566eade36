import type * as Y from 'yjs';
import { z } from 'zod';
import { whenSchema } from '../model/CalendarEvent';
import { idSchema } from './api';

/**
 * Meetings through the relay (docs/relay.md, "Meetings"). Nothing here is sent
 * by a separate call: the relay derives requests from the organiser's `full`
 * document and reads answers and cancel notes from the answering person's own
 * `user/<id>` overlay, so whatever syncs, whenever it syncs, is delivered.
 */

/** Overlay map: inbox item id of a meeting -> JSON MeetingAnswer. */
export const MEETING_ANSWERS_MAP = 'meetingAnswers';
/** Overlay map: `<calendarId>/<eventKey>` -> JSON MeetingCancelNote, written just before the organiser deletes a meeting. */
export const MEETING_CANCEL_NOTES_MAP = 'meetingCancelNotes';

export const MAX_MEETING_COMMENT = 1_000;
export const MAX_EVENT_KEY = 512;

export const meetingResponseSchema = z.enum(['accepted', 'tentative', 'declined']);
export type MeetingResponse = z.infer<typeof meetingResponseSchema>;

export const meetingAnswerSchema = z.object({
  response: meetingResponseSchema,
  comment: z.string().max(MAX_MEETING_COMMENT),
  at: z.number().int().min(0),
  /**
   * The request version answered. An answer to a version from before the last
   * change of time is void; one without a version counts as answering version 1.
   */
  version: z.number().int().min(1).optional(),
});
export type MeetingAnswer = z.infer<typeof meetingAnswerSchema>;

export const meetingCancelNoteSchema = z.object({
  calendarId: idSchema,
  eventKey: z.string().min(1).max(MAX_EVENT_KEY),
  message: z.string().max(MAX_MEETING_COMMENT),
  at: z.number().int().min(0),
});
export type MeetingCancelNote = z.infer<typeof meetingCancelNoteSchema>;

const personRefSchema = z.object({ email: z.string(), name: z.string() });

/**
 * A meeting request in the inbox of an attendee and of each of their delegates
 * (`forId` is the attendee; a delegate sees "Received for <forName>"). One item
 * per meeting and attendee: the relay rewrites it when the organiser changes
 * the meeting (`version` goes up), when someone answers, and when it is cancelled.
 */
export const meetingItemSchema = z.object({
  id: idSchema,
  kind: z.literal('meeting'),
  status: z.enum(['request', 'canceled']),
  calendarId: idSchema,
  eventKey: z.string(),
  forId: idSchema,
  forName: z.string(),
  organizer: personRefSchema,
  title: z.string(),
  location: z.string(),
  description: z.string(),
  when: whenSchema,
  attendees: z.array(personRefSchema.extend({ role: z.enum(['required', 'optional', 'chair']) })),
  /** 1 for the first request; each change the organiser sends adds one. */
  version: z.number().int().min(1),
  /**
   * The version that last changed the time: answers to earlier versions were
   * cleared and no longer count (absent from older relays: 1).
   */
  whenVersion: z.number().int().min(1).optional(),
  /** The answer given for `forId`, by them or a delegate. */
  answer: meetingAnswerSchema.extend({ byName: z.string() }).nullable(),
  cancelMessage: z.string(),
  at: z.number(),
  /** A private meeting: the attendee's copy is private too. */
  private: z.boolean().optional(),
});
export type MeetingItem = z.infer<typeof meetingItemSchema>;

/** A notice to the organiser: someone answered. */
export const meetingReplySchema = z.object({
  id: idSchema,
  kind: z.literal('meeting-reply'),
  calendarId: idSchema,
  eventKey: z.string(),
  title: z.string(),
  fromName: z.string(),
  fromEmail: z.string(),
  /** Who answered, when a delegate answered for `fromName`; else empty. */
  byName: z.string(),
  response: meetingResponseSchema,
  comment: z.string(),
  at: z.number(),
});
export type MeetingReply = z.infer<typeof meetingReplySchema>;

export function parseMeetingAnswer(raw: unknown): MeetingAnswer | null {
  if (typeof raw !== 'string') return null;
  try {
    const r = meetingAnswerSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Whether an answer still counts for a request: it answers the current time, not one from before the last move. */
export function answersCurrentTime(answer: Pick<MeetingAnswer, 'version'>, item: Pick<MeetingItem, 'whenVersion'>): boolean {
  return (answer.version ?? 1) >= (item.whenVersion ?? 1);
}

export function parseMeetingCancelNote(raw: unknown): MeetingCancelNote | null {
  if (typeof raw !== 'string') return null;
  try {
    const r = meetingCancelNoteSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function meetingAnswersMap(overlay: Y.Doc): Y.Map<unknown> {
  return overlay.getMap<unknown>(MEETING_ANSWERS_MAP);
}

export function meetingCancelNotesMap(overlay: Y.Doc): Y.Map<unknown> {
  return overlay.getMap<unknown>(MEETING_CANCEL_NOTES_MAP);
}

export function cancelNoteKey(calendarId: string, eventKey: string): string {
  return `${calendarId}/${eventKey}`;
}
