import type { FetchIcsRequest, FetchIcsResult } from '../../shared/ipc/fetchIcs';
import type { CalendarEvent } from '../../shared/model/CalendarEvent';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { AuditEntry, CalendarAccess, Directory, Me, Permissions, PutGrant } from '../../shared/protocol/api';
import type { Invitation, Notice } from '../../shared/protocol/inboxDocument';
import type { MeetingItem, MeetingReply, MeetingResponse } from '../../shared/protocol/meetings';
import type { Profile, ProfileReply } from '../../shared/protocol/profile';
import type { CreateIcsLink, IcsAccessEntry, IcsLink } from '../../shared/protocol/icsLinks';
import type { SubmissionNotice, SubmissionQueue } from '../../shared/protocol/teamCalendars';
import type { RelayClient } from './RelayClient';

/**
 * What the UI sees of syncing with a relay. The UI never touches websockets,
 * tokens or Yjs providers; it reads state from here and calls these actions.
 * Implemented by `openSyncService.ts` on top of the replica engine.
 */

export type AccountState =
  | { status: 'signed-out'; relayUrl: string }
  | { status: 'signing-in'; relayUrl: string }
  /** Signed in; `online` is false while the relay cannot be reached (the app keeps working on its replicas). */
  | { status: 'signed-in'; relayUrl: string; me: Me; online: boolean }
  /** The refresh token was refused (expired, revoked): local data stays, syncing stops until sign-in. */
  | { status: 'expired'; relayUrl: string; me: Me };

/**
 * Per-calendar sync state, always true (issue 3): derived from the providers'
 * real events and the replica's pending writes, never guessed.
 */
export type CalendarSyncState =
  /** A local calendar not (yet) on any relay. */
  | { kind: 'local' }
  | { kind: 'synced'; at: number }
  | { kind: 'pending'; changes: number; lastSyncedAt: number | null }
  | { kind: 'connecting'; lastSyncedAt: number | null }
  | { kind: 'offline'; lastSyncedAt: number | null; pendingChanges: number }
  | { kind: 'read-only'; at: number | null }
  /** Revoked for someone outside the owner's organisation: the copy stays, no longer syncing. */
  | { kind: 'stale'; since: number }
  | { kind: 'error'; message: string };

export interface SharedCalendarInfo {
  calendarId: string;
  access: CalendarAccess | null;
  /** The level this device acts on (owner for local calendars). */
  level: PermissionLevel;
  sync: CalendarSyncState;
}

/** Edits the relay refused (the level dropped while offline), kept until the person decides. */
export interface UnsavedChange {
  id: string;
  calendarId: string;
  calendarName: string;
  event: CalendarEvent;
  /** Why it could not be saved, in words. */
  reason: string;
  at: number;
}

export interface SyncService {
  account(): AccountState;
  /** Called after any change of account, access, invitations, sync state or unsaved changes. */
  subscribe(listener: () => void): () => void;

  setRelayUrl(url: string): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;

  /** Sharing state of every calendar shown in the list. */
  calendarInfo(calendarId: string): SharedCalendarInfo;
  invitations(): Invitation[];
  notices(): Notice[];
  dismissNotice(id: string): Promise<void>;
  acceptInvitation(id: string): Promise<void>;
  declineInvitation(id: string): Promise<void>;

  /** Meeting requests for the person and for those they are a delegate of, newest first (cancelled ones included). */
  meetingRequests(): MeetingItem[];
  /** Answers to the person's meetings, not yet dismissed. */
  meetingReplies(): MeetingReply[];
  /** Queue badges of the team calendars the person maintains (issue 6). */
  submissionQueues?(): SubmissionQueue[];
  /** Decisions on the person's own submissions to team calendars, not yet dismissed. */
  submissionNotices?(): SubmissionNotice[];
  /** Answers a request (for its `forId`); works offline, the relay applies it when the overlay syncs. */
  answerMeeting(itemId: string, response: MeetingResponse, comment: string): Promise<void>;
  /** Before deleting a meeting: the message its attendees see with the cancellation. */
  noteMeetingCancel(calendarId: string, eventKey: string, message: string): Promise<void>;

  /**
   * Takes someone else's calendar out of the person's list: the overlay entry
   * goes, so every device of theirs stops syncing it and deletes its local copy.
   * The owner's share stays; the calendar is then offered by `availableCalendars`.
   * Edits the relay has not confirmed are kept as unsaved changes. Throws for a
   * calendar the person owns (that is deleting it).
   */
  removeSharedCalendar(calendarId: string): Promise<void>;
  /**
   * Calendars of other people the person may see (direct, group, organisation
   * default or external access in the inbox, at availability or more, not stale)
   * that are not in their list, by owner then name.
   */
  availableCalendars(): CalendarAccess[];
  /**
   * Puts one of `availableCalendars` in the person's list (all their devices
   * start syncing it at the level they have). Accepts a pending invitation to it
   * first, if there is one. Works offline: the overlay carries it later.
   */
  addAvailableCalendar(calendarId: string): Promise<void>;

  /**
   * The organisation's people (with their zones and working hours) and groups.
   * The last answer is kept on the device, so find a time works offline: when the
   * relay cannot be reached (or nobody is signed in) the kept copy is returned.
   */
  directory(): Promise<Directory>;
  /** The person's own zone and working hours, as the relay holds them. */
  profile(): Promise<ProfileReply>;
  /** Sets them; the relay publishes them to the organisation in the directory. */
  setProfile(profile: Profile): Promise<Profile>;
  permissions(calendarId: string): Promise<Permissions>;
  /** Shares, changes or (level 'none') removes a grant; returns the new permissions. */
  setGrant(calendarId: string, grant: PutGrant): Promise<Permissions>;
  setDefaultLevel(calendarId: string, level: PermissionLevel | null): Promise<Permissions>;
  audit(calendarId: string): Promise<AuditEntry[]>;
  /** The signed-in relay's API, for pages that call endpoints of their own (the admin page); throws when signed out. */
  relayClient?(): RelayClient;
  /** The calendar's published ICS links, newest first (owner; an admin gets them without their URLs). */
  icsLinks(calendarId: string): Promise<IcsLink[]>;
  /** Publishes a new ICS link (owner only); its `path` is shown once here and in `icsLinks` later. */
  publishIcsLink(calendarId: string, link: CreateIcsLink): Promise<IcsLink>;
  revokeIcsLink(calendarId: string, linkId: string): Promise<IcsLink>;
  /** A link's recent fetches, newest first. */
  icsLinkAccess(calendarId: string, linkId: string): Promise<IcsAccessEntry[]>;
  /**
   * GETs a subscribed calendar's address through the relay (GET /api/fetch-ics),
   * for a browser that CORS keeps from reading it; null when not signed in.
   * Never rejects: a refusal or failure is an `error` result.
   */
  fetchIcs?(request: FetchIcsRequest): Promise<FetchIcsResult | null>;

  unsavedChanges(): UnsavedChange[];
  /** Copies a refused edit into one of the person's own calendars, then forgets it. */
  copyUnsavedTo(id: string, calendarId: string): Promise<void>;
  /** The refused edit as an .ics text the person can save. */
  exportUnsaved(id: string): string;
  discardUnsaved(id: string): Promise<void>;

  close(): void;
}
