import { createHash } from 'node:crypto';
import { resolveAddress } from '../accounts/resolveAddress';
import type * as Y from 'yjs';
import { EMPTY_WHO, type Attendee, type CalendarEvent, type EventWho } from '../../shared/model/CalendarEvent';
import { deleteEventKey, groupMap, parseGroup, readEvent, writeEvent } from '../../shared/model/eventDocument';
import { inboxItemsMap } from '../../shared/protocol/inboxDocument';
import { isPrivateStub, mayBePrivate, privateStub } from '../../shared/protocol/projectGroups';
import {
  cancelNoteKey,
  MEETING_ANSWERS_MAP,
  MEETING_CANCEL_NOTES_MAP,
  answersCurrentTime,
  meetingAnswersMap,
  meetingCancelNotesMap,
  parseMeetingAnswer,
  parseMeetingCancelNote,
  type MeetingItem,
  type MeetingReply,
} from '../../shared/protocol/meetings';
import { AccessReader } from '../access/AccessReader';
import type { PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import type { Room } from '../sync/Room';
import type { RoomHost } from '../sync/RoomHost';
import { MeetingStore, type MeetingItemRow } from './MeetingStore';

/** Answers kept as notices in an organiser's inbox; older ones are dropped. */
const MAX_REPLIES = 100;
const WRITERS = new Set(['editor', 'delegate', 'owner']);

interface RequestContent {
  organizer: { email: string; name: string };
  title: string;
  location: string;
  description: string;
  when: CalendarEvent['when'];
  attendees: { email: string; name: string; role: 'required' | 'optional' | 'chair' }[];
  /** Only on private meetings, so the content of every other stored request stays as it was. */
  private?: true;
}

/** A meeting's organiser document: times in `full`, details there or, for a private event, in `private`. */
interface MeetingSource {
  full: Room;
  /** Where `what` and `who` live: `full`, or the calendar's `private` room for a private event. */
  details: Room;
  event: CalendarEvent | null;
  /**
   * A private stub whose details have not arrived: the two rooms sync on their
   * own sockets, so marking a meeting private can reach `full` first. Treating
   * that moment as "no attendees" would cancel every request and send it again.
   */
  pending: boolean;
}

const lower = (s: string) => s.trim().toLowerCase();

/** Stable inbox item id of one meeting for one attendee (the same in their delegates' inboxes). */
export function meetingItemId(calendarId: string, eventKey: string, forId: string): string {
  return `m${createHash('sha256').update(`${calendarId}\n${eventKey}\n${forId}`).digest('hex').slice(0, 40)}`;
}

/**
 * Meetings, derived from what syncs (docs/relay.md, "Meetings"): when an event in
 * a calendar's `full` document has attendees and its organiser is the calendar's
 * owner, each attendee of the organisation (and each of their delegates) gets a
 * request in their inbox, rewritten on every change and marked cancelled when the
 * event goes or they are taken off. Answers come from the answering person's
 * own overlay (`meetingAnswers`); only a recipient of the request may answer, and
 * only the answering attendee's response and comment are written back into the
 * organiser's event. Accepted meetings are copied into the attendee's first own
 * calendar, and follow the organiser's changes there.
 *
 * A private meeting's `full` entry is a busy stub; its title, text and people
 * live in the calendar's `private` room, so both rooms are watched. Attendees
 * get the whole request (they are invited), their delegates only when allowed
 * to see the attendee's private items, and the copy stays private.
 */
export class MeetingDesk {
  private readonly meetings: MeetingStore;
  private readonly reader: AccessReader;

  constructor(
    private readonly store: Store,
    private readonly host: RoomHost,
    private readonly now: () => number,
    private readonly log: (message: string) => void,
  ) {
    this.meetings = new MeetingStore(store.db);
    this.reader = new AccessReader(store);
  }

  /** RoomHost hook: a client's accepted change. */
  onChanged(room: Room, changed: ReadonlyMap<string, ReadonlySet<string>>, byUserId: string | null): void {
    if (room.kind === 'full' && room.group.calendar) {
      const keys = new Set<string>();
      for (const root of ['when', 'what', 'who']) for (const k of changed.get(root) ?? []) keys.add(k);
      // Most events have no `who`: an import of thousands must not cost a lookup each. A key
      // whose `who` changed or went, or whose event went, may have requests to send or cancel.
      const who = groupMap(room.doc, 'who');
      const when = groupMap(room.doc, 'when');
      const what = groupMap(room.doc, 'what');
      const whoChanged = changed.get('who');
      // A private meeting's people are in the private room: its stub here marks it.
      for (const key of keys) if (who.has(key) || whoChanged?.has(key) || !when.has(key) || mayBePrivate(what.get(key))) this.syncMeeting(room.group.calendar.id, key);
      return;
    }
    const privateOf = room.kind === 'private' ? /^cal\/(.+)\/private$/.exec(room.key)?.[1] : undefined;
    if (privateOf !== undefined && this.store.sharing.calendar(privateOf)) {
      const keys = new Set<string>();
      for (const root of ['what', 'who']) for (const k of changed.get(root) ?? []) keys.add(k);
      for (const key of keys) this.syncMeeting(privateOf, key);
      return;
    }
    if (room.kind === 'user' && byUserId !== null && room.key === `user/${byUserId}`) {
      for (const itemId of changed.get(MEETING_ANSWERS_MAP) ?? []) this.applyAnswer(room.doc, byUserId, itemId);
      for (const noteKey of changed.get(MEETING_CANCEL_NOTES_MAP) ?? []) this.applyCancelNote(room.doc, byUserId, noteKey);
    }
  }

  /** Brings every inbox item and copy of one event in line with the organiser's document and the stored answers. */
  syncMeeting(calendarId: string, key: string): void {
    const calendar = this.store.sharing.calendar(calendarId);
    const owner = calendar ? this.store.directory.person(calendar.owner_id) : null;
    const source = calendar ? this.meetingSource(calendarId, key) : null;
    if (source?.pending) return;
    const event = source?.event ?? null;
    const meeting = event && owner && isMeetingOf(event, owner) ? event : null;
    const existing = new Map(this.meetings.itemsOf(calendarId, key).map((r) => [r.item_id, r]));
    if (!meeting && existing.size === 0) return;

    const targets = meeting && owner ? this.attendeesOf(meeting, owner) : new Map<string, PersonRow>();
    const content = meeting ? JSON.stringify(requestContent(meeting)) : null;
    const newTime = meeting ? JSON.stringify(meeting.when) : null;
    const now = this.now();
    const rows: MeetingItemRow[] = [];
    for (const [forId] of targets) {
      const itemId = meetingItemId(calendarId, key, forId);
      const prev = existing.get(itemId);
      existing.delete(itemId);
      const changed = !prev || prev.content !== content || prev.canceled;
      const version = prev && changed ? prev.version + 1 : (prev?.version ?? 1);
      // A new time asks everyone again (as Outlook does); a new title, place or text keeps the answers.
      const moved = prev !== undefined && changed && timeOf(prev.content) !== newTime;
      const cleared = moved ? { response: null, comment: '', answered_by: null, answered_at: null } : {};
      const row: MeetingItemRow = prev
        ? {
            ...prev,
            content: content!,
            version,
            when_version: moved ? version : prev.when_version,
            ...cleared,
            canceled: false,
            cancel_message: prev.canceled ? '' : prev.cancel_message,
            at: changed ? now : prev.at,
          }
        : {
            item_id: itemId,
            calendar_id: calendarId,
            event_key: key,
            for_id: forId,
            content: content!,
            version: 1,
            when_version: 1,
            canceled: false,
            cancel_message: '',
            response: null,
            comment: '',
            answered_by: null,
            answered_at: null,
            copy_calendar_id: null,
            at: now,
          };
      if (changed) this.meetings.putItem(row);
      rows.push(row);
    }
    for (const prev of existing.values()) {
      if (prev.canceled) {
        rows.push(prev);
        continue;
      }
      const row = { ...prev, canceled: true, at: now };
      this.meetings.putItem(row);
      rows.push(row);
    }
    // Copies show everyone's answers as the organiser's event will hold them.
    const answered = meeting ? { ...meeting, who: this.answeredWho(meeting, rows) } : null;
    for (const row of rows) {
      this.deliver(row);
      this.placeCopy(row, row.canceled ? null : answered);
    }
    if (meeting && answered && source && JSON.stringify(answered.who) !== JSON.stringify(meeting.who)) this.host.writeServer(source.details, (doc) => writeEvent(doc, key, { who: answered.who }));
  }

  /** The organiser's event with its details from the `private` room when it is a private event that has them there. */
  private meetingSource(calendarId: string, key: string): MeetingSource {
    const full = this.host.open({ kind: 'calendar', calendarId, doc: 'full' });
    const event = readEvent(full.doc, key);
    if (!event?.what.private) return { full, details: full, event, pending: false };
    const priv = this.host.open({ kind: 'calendar', calendarId, doc: 'private' });
    const what = parseGroup('what', groupMap(priv.doc, 'what').get(key));
    // A private event written before the calendar had a private room keeps its details in `full`.
    if (!what) return { full, details: full, event, pending: isPrivateStub(event.what) };
    return { full, details: priv, event: { ...event, what: { ...what, private: true }, who: parseGroup('who', groupMap(priv.doc, 'who').get(key)) ?? EMPTY_WHO }, pending: false };
  }

  // ---- answers and cancel notes -------------------------------------------------

  private applyAnswer(overlay: Y.Doc, writerId: string, itemId: string): void {
    const answer = parseMeetingAnswer(meetingAnswersMap(overlay).get(itemId));
    if (!answer) {
      if (meetingAnswersMap(overlay).has(itemId)) this.log(`Ignoring a malformed meeting answer from ${writerId}`);
      return;
    }
    const row = this.meetings.item(itemId);
    if (!row || !this.meetings.isRecipient(itemId, writerId)) {
      this.log(`Ignoring a meeting answer from ${writerId} to a request they did not receive`);
      return;
    }
    if (row.canceled) return;
    if (!answersCurrentTime(answer, { whenVersion: row.when_version })) {
      this.log(`Ignoring a meeting answer from ${writerId} to version ${answer.version ?? 1}: the time changed in version ${row.when_version}`);
      return;
    }
    // Another device's older answer arriving late never overrides a newer one.
    if (row.answered_at !== null && answer.at < row.answered_at) return;
    if (row.response === answer.response && row.comment === answer.comment) return;
    const updated: MeetingItemRow = { ...row, response: answer.response, comment: answer.comment, answered_by: writerId, answered_at: answer.at };
    this.meetings.putItem(updated);
    this.syncMeeting(row.calendar_id, row.event_key);
    this.notifyOrganizer(updated);
  }

  private applyCancelNote(overlay: Y.Doc, writerId: string, noteKey: string): void {
    const note = parseMeetingCancelNote(meetingCancelNotesMap(overlay).get(noteKey));
    if (!note || cancelNoteKey(note.calendarId, note.eventKey) !== noteKey) return;
    const writer = this.store.directory.person(writerId);
    const access = writer ? this.reader.accessFor(writer, note.calendarId) : null;
    if (!access || access.stale || !WRITERS.has(access.level)) {
      this.log(`Ignoring a cancel note from ${writerId}, who may not change calendar ${note.calendarId}`);
      return;
    }
    const rows = this.meetings.itemsOf(note.calendarId, note.eventKey);
    if (rows.length === 0) return;
    for (const row of rows) if (row.cancel_message !== note.message) this.meetings.putItem({ ...row, cancel_message: note.message });
    this.syncMeeting(note.calendarId, note.eventKey);
  }

  // ---- writing ------------------------------------------------------------------

  /** Writes the item into the inbox of the attendee and of each current delegate; withdraws it from former ones. */
  private deliver(row: MeetingItemRow): void {
    const forPerson = this.store.directory.person(row.for_id);
    if (!forPerson) return;
    const current = [row.for_id, ...this.meetings.delegatesOf(row.for_id, { privateItem: (JSON.parse(row.content) as RequestContent).private === true })];
    const previous = this.meetings.recipients(row.item_id);
    const json = JSON.stringify(this.toItem(row, forPerson));
    for (const userId of current) {
      if (!this.store.directory.person(userId)) continue;
      const inbox = this.host.open({ kind: 'inbox', userId });
      if (inboxItemsMap(inbox.doc).get(row.item_id) !== json) this.host.writeServer(inbox, (doc) => inboxItemsMap(doc).set(row.item_id, json));
    }
    for (const userId of previous) {
      if (current.includes(userId) || !this.store.directory.person(userId)) continue;
      const inbox = this.host.open({ kind: 'inbox', userId });
      if (inboxItemsMap(inbox.doc).has(row.item_id)) this.host.writeServer(inbox, (doc) => inboxItemsMap(doc).delete(row.item_id));
    }
    if (previous.join('\n') !== [...current].sort().join('\n')) this.meetings.setRecipients(row.item_id, current);
  }

  private toItem(row: MeetingItemRow, forPerson: PersonRow): MeetingItem {
    const content = JSON.parse(row.content) as RequestContent;
    const answeredBy = row.answered_by && row.answered_by !== row.for_id ? (this.store.directory.person(row.answered_by)?.name ?? '') : forPerson.name;
    return {
      id: row.item_id,
      kind: 'meeting',
      at: row.at,
      status: row.canceled ? 'canceled' : 'request',
      calendarId: row.calendar_id,
      eventKey: row.event_key,
      forId: row.for_id,
      forName: forPerson.name,
      ...content,
      version: row.version,
      whenVersion: row.when_version,
      answer: row.response === null ? null : { response: row.response, comment: row.comment, at: row.answered_at ?? 0, byName: answeredBy },
      cancelMessage: row.canceled ? row.cancel_message : '',
    };
  }

  /**
   * An accepted (or tentative) meeting lives in the attendee's first own
   * calendar under the organiser's key; a decline or cancellation removes it.
   * A copy whose meeting moved stays, at the new time, shown tentative with the
   * attendee's response back to needs-action until they answer again.
   */
  private placeCopy(row: MeetingItemRow, meeting: CalendarEvent | null): void {
    const awaiting = row.response === null && row.copy_calendar_id !== null;
    const wanted = meeting !== null && (row.response === 'accepted' || row.response === 'tentative' || awaiting);
    if (wanted) {
      const target = row.copy_calendar_id ?? this.meetings.firstOwnCalendar(row.for_id);
      if (!target || target === row.calendar_id || !this.store.sharing.calendar(target)) return;
      const room = this.host.open({ kind: 'calendar', calendarId: target, doc: 'full' });
      const isPrivate = meeting.what.private;
      const stored = parseGroup('what', groupMap(room.doc, 'what').get(row.event_key));
      const priv = isPrivate || stored?.private ? this.host.open({ kind: 'calendar', calendarId: target, doc: 'private' }) : null;
      const have = stored?.private && priv ? (parseGroup('what', groupMap(priv.doc, 'what').get(row.event_key)) ?? stored) : stored;
      const what = { ...meeting.what, categories: have?.categories ?? [], showAs: row.response === 'accepted' ? meeting.what.showAs : ('tentative' as const), private: isPrivate };
      const who = meeting.who;
      if (isPrivate && priv) {
        // The copy is split the way the attendee's own app splits a private event.
        this.host.writeServer(room, (doc) => writeEvent(doc, row.event_key, { when: meeting.when, what: privateStub(what), who: EMPTY_WHO }));
        this.host.writeServer(priv, (doc) => writeEvent(doc, row.event_key, { what, who }));
      } else {
        this.host.writeServer(room, (doc) => writeEvent(doc, row.event_key, { when: meeting.when, what, who }));
        // A meeting made public again leaves no private details behind.
        if (priv && groupMap(priv.doc, 'what').has(row.event_key)) this.host.writeServer(priv, (doc) => deleteEventKey(doc, row.event_key));
      }
      if (row.copy_calendar_id !== target) this.meetings.putItem({ ...row, copy_calendar_id: target });
      return;
    }
    if (!row.copy_calendar_id) return;
    // Forgotten once removed, so a later move of the meeting does not bring a declined copy back.
    this.meetings.putItem({ ...row, copy_calendar_id: null });
    if (!this.store.sharing.calendar(row.copy_calendar_id)) return;
    const room = this.host.open({ kind: 'calendar', calendarId: row.copy_calendar_id, doc: 'full' });
    const wasPrivate = parseGroup('what', groupMap(room.doc, 'what').get(row.event_key))?.private === true;
    if (groupMap(room.doc, 'when').has(row.event_key)) this.host.writeServer(room, (doc) => deleteEventKey(doc, row.event_key));
    if (!wasPrivate) return;
    const priv = this.host.open({ kind: 'calendar', calendarId: row.copy_calendar_id, doc: 'private' });
    if (groupMap(priv.doc, 'what').has(row.event_key)) this.host.writeServer(priv, (doc) => deleteEventKey(doc, row.event_key));
  }

  /**
   * The stored answers win over the organiser's `who`: an organiser's device that
   * saved the meeting from a copy older than an answer (or than a move that
   * cleared the answers) would otherwise undo it.
   */
  private answeredWho(meeting: CalendarEvent, rows: MeetingItemRow[]): EventWho {
    let who = meeting.who;
    for (const row of rows) {
      if (row.canceled) continue;
      const email = this.store.directory.person(row.for_id)?.email;
      if (email) who = withAnswer(who, email, row);
    }
    return who;
  }

  private notifyOrganizer(row: MeetingItemRow): void {
    const calendar = this.store.sharing.calendar(row.calendar_id);
    const forPerson = this.store.directory.person(row.for_id);
    if (!calendar || !forPerson || row.response === null) return;
    const content = JSON.parse(row.content) as RequestContent;
    const at = Math.max(this.now(), row.answered_at ?? 0);
    const reply: MeetingReply = {
      id: `r${createHash('sha256').update(`${row.item_id}\n${at}\n${row.response}`).digest('hex').slice(0, 40)}`,
      kind: 'meeting-reply',
      calendarId: row.calendar_id,
      eventKey: row.event_key,
      title: content.title,
      fromName: forPerson.name,
      fromEmail: forPerson.email,
      byName: row.answered_by && row.answered_by !== row.for_id ? (this.store.directory.person(row.answered_by)?.name ?? '') : '',
      response: row.response,
      comment: row.comment,
      at,
    };
    const inbox = this.host.open({ kind: 'inbox', userId: calendar.owner_id });
    const items = inboxItemsMap(inbox.doc);
    const replies: { id: string; at: number }[] = [];
    items.forEach((raw, id) => {
      if (raw.includes('"kind":"meeting-reply"')) replies.push({ id, at: Number(/"at":(\d+)/.exec(raw.slice(raw.lastIndexOf('"at":')))?.[1] ?? 0) });
    });
    const drop = replies.length + 1 > MAX_REPLIES ? replies.sort((a, b) => a.at - b.at).slice(0, replies.length + 1 - MAX_REPLIES) : [];
    this.host.writeServer(inbox, (doc) => {
      const map = inboxItemsMap(doc);
      for (const d of drop) map.delete(d.id);
      map.set(reply.id, JSON.stringify(reply));
    });
  }

  /** Internal attendees by person id: people of the organiser's organisation, never the organiser. */
  private attendeesOf(meeting: CalendarEvent, owner: PersonRow): Map<string, PersonRow> {
    const out = new Map<string, PersonRow>();
    for (const a of meeting.who.attendees) {
      // An alias of a shared address reaches the address (and so its members, its delegates).
      const p = resolveAddress(this.store, a.email);
      if (!p || p.id === owner.id || p.org_id !== owner.org_id) continue;
      out.set(p.id, p);
    }
    return out;
  }
}

/** A meeting this calendar organises: attendees, and the organiser is the calendar's owner (copies in attendees' calendars are not). */
function isMeetingOf(event: CalendarEvent, owner: PersonRow): boolean {
  const org = event.who.organizer;
  return org !== null && event.who.attendees.length > 0 && lower(org.email) === lower(owner.email);
}

function requestContent(event: CalendarEvent): RequestContent {
  const org = event.who.organizer!;
  return {
    organizer: { email: org.email, name: org.name },
    title: event.what.title,
    location: event.what.location,
    description: event.what.description,
    when: event.when,
    attendees: event.who.attendees.map((a) => ({ email: a.email, name: a.name, role: a.role })),
    ...(event.what.private ? { private: true as const } : {}),
  };
}

/** The `when` a stored request was last sent with, as JSON. */
function timeOf(content: string): string {
  return JSON.stringify((JSON.parse(content) as RequestContent).when);
}

/**
 * `who` with one attendee's response and comment set from the stored answer;
 * nobody else's changes. No answer since the time changed is needs-action.
 */
function withAnswer(who: EventWho, email: string, row: MeetingItemRow): EventWho {
  const response: Attendee['response'] | null = row.response ?? (row.when_version > 1 ? 'needs-action' : null);
  if (response === null) return who;
  let changed = false;
  const attendees = who.attendees.map((a) => {
    if (lower(a.email) !== lower(email)) return a;
    if (a.response === response && (a.comment ?? '') === row.comment) return a;
    changed = true;
    const next = { ...a, response };
    if (row.comment) next.comment = row.comment;
    else delete next.comment;
    return next;
  });
  return changed ? { ...who, attendees } : who;
}
