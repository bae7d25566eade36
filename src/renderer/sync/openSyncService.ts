import type { FetchIcsRequest, FetchIcsResult } from '../../shared/ipc/fetchIcs';
import { z } from 'zod';
import { directorySchema, meSchema, sessionSchema, type CalendarAccess, type Directory, type Session } from '../../shared/protocol/api';
import type { Profile } from '../../shared/protocol/profile';
import { readAccess, readInboxItems, type Invitation, type Notice } from '../../shared/protocol/inboxDocument';
import { MAX_MEETING_COMMENT, type MeetingItem, type MeetingReply, type MeetingResponse } from '../../shared/protocol/meetings';
import { formatRoom } from '../../shared/protocol/roomName';
import type * as Y from 'yjs';
import type { Platform } from '../platform/Platform';
import { ORIGIN_LOCAL } from '../replica/CalendarReplica';
import type { ReplicaStoreApi } from '../replica/openCalendarStore';
import { bindingFromAccess, isWritable } from '../replica/ReplicaBinding';
import type { UnsavedRow } from '../replica/TesseraDb';
import { acceptInvitation } from './acceptInvitation';
import { readMeetingReplies, readMeetingRequests, recordCancelNote, recordMeetingAnswer } from './meetingInbox';
import { readSubmissionNotices, readSubmissionQueues } from '../teams/teamInbox';
import type { SubmissionNotice, SubmissionQueue } from '../../shared/protocol/teamCalendars';
import { applyInvitationAnswers, readInvitationAnswers, recordInvitationAnswer } from './applyInvitationAnswers';
import { computeSyncState } from './computeSyncState';
import { formatEventIcs } from './formatEventIcs';
import { listAvailableCalendars } from './listAvailableCalendars';
import { RelayClient, syncUrl, type Fetch } from './RelayClient';
import { normalizeRelayUrl, pageOrigin } from './relayAddress';
import { removeSharedCalendar } from './removeSharedCalendar';
import { SessionKeeper, type SessionVault } from './SessionKeeper';
import { SyncEngine } from './SyncEngine';
import { syncChannelMessageSchema, type SyncChannelMessage } from './syncChannelMessages';
import type { AccountState, CalendarSyncState, SharedCalendarInfo, SyncService, UnsavedChange } from './SyncService';
import { acquireLeadership, withLock, type Leadership, type LockFn } from './withLock';

export interface OpenSyncOptions {
  store: ReplicaStoreApi;
  /** Where the session is kept between runs (Electron: safeStorage via IPC; web: IndexedDB). */
  platform: Pick<Platform, 'loadSession' | 'saveSession'>;
  /** This page's origin if a relay may serve it (default: location.origin for http(s) pages). */
  origin?: string | null;
  now?: () => number;
  fetchImpl?: Fetch;
  WebSocketImpl?: typeof WebSocket;
  heartbeatMs?: number;
  lock?: LockFn;
  leadership?: (name: string, onLeader: () => void) => Leadership;
}

/** The profile's account as stored (tokens are kept apart, in the platform's vault). */
const accountRowSchema = z.object({
  /** The address last set in Settings. */
  relayUrl: z.string().nullable(),
  status: z.enum(['signed-out', 'signed-in', 'expired']),
  /** The relay the session belongs to. */
  sessionRelayUrl: z.string().nullable(),
  me: meSchema.nullable(),
});
type AccountRow = z.infer<typeof accountRowSchema>;
const ACCOUNT_KEY = 'account';
/** The directory as last fetched (with zones and working hours), for find a time offline. */
const DIRECTORY_KEY = 'directory';
const SIGNED_OUT: AccountRow = { relayUrl: null, status: 'signed-out', sessionRelayUrl: null, me: null };
/** Notices the person dismissed live in their overlay, so a dismissal follows them to every device. */
const DISMISSED_MAP = 'dismissedNotices';

export type OpenedSyncService = SyncService & {
  /** Resolves when the syncing engine has carried out every decision so far (tests). */
  settled(): Promise<void>;
  /** Whether this window holds the profile's relay connections. */
  isLeader(): boolean;
};

export async function openSyncService(options: OpenSyncOptions): Promise<OpenedSyncService> {
  const service = new SyncHub(options);
  await service.open();
  return service;
}

/**
 * The SyncService of one window. Every window reads the account, the inbox
 * (stored like any document, so other windows see it through the replica
 * engine) and refused edits; only the window holding the profile's leader lock
 * runs the SyncEngine with the relay connections and publishes per-calendar
 * states to the others on `tessera-sync:<db>`.
 */
class SyncHub implements SyncService {
  private readonly store: ReplicaStoreApi;
  private readonly now: () => number;
  private readonly vault: SessionVault;
  private readonly lock: LockFn;
  private readonly channel: BroadcastChannel;
  private readonly listeners = new Set<() => void>();
  private row: AccountRow = SIGNED_OUT;
  private signingIn = false;
  private defaultRelayUrl: string | null = null;
  private keeper: SessionKeeper | null = null;
  private engine: SyncEngine | null = null;
  private inboxDoc: Y.Doc | null = null;
  private leadership: Leadership | null = null;
  private leader = false;
  private mirrored: { online: boolean; states: Record<string, CalendarSyncState> } | null = null;
  private unsaved: UnsavedChange[] = [];
  private unsubscribeStore: (() => void) | null = null;
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: OpenSyncOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.lock = options.lock ?? withLock;
    const profile = options.store.dbName;
    this.vault = {
      load: async () => {
        const raw = await options.platform.loadSession(profile);
        if (raw === null) return null;
        try {
          const parsed = sessionSchema.safeParse(JSON.parse(raw));
          return parsed.success ? parsed.data : null;
        } catch {
          return null;
        }
      },
      save: (session) => options.platform.saveSession(profile, session === null ? null : JSON.stringify(session)),
    };
    this.channel = new BroadcastChannel(`tessera-sync:${profile}`);
  }

  async open(): Promise<void> {
    this.channel.onmessage = (e) => this.onChannel(e);
    await this.loadAccount();
    await this.refreshUnsaved();
    let refreshing = false;
    this.unsubscribeStore = this.store.subscribe(() => {
      // The store notifies after every write; one read of refused edits per burst is enough.
      if (!refreshing) {
        refreshing = true;
        setTimeout(() => {
          refreshing = false;
          if (!this.closed) void this.refreshUnsaved();
        }, 100);
      }
      this.notify();
    });
    const origin = this.options.origin === undefined ? pageOrigin() : this.options.origin;
    if (origin) {
      // Not awaited: a slow or absent relay must not hold the app's start.
      void RelayClient.isRelay(origin, this.options.fetchImpl).then((ok) => {
        if (ok && !this.closed) {
          this.defaultRelayUrl = origin;
          this.notify();
        }
      });
    }
    const acquire = this.options.leadership ?? acquireLeadership;
    this.leadership = acquire(`tessera-sync:${this.store.dbName}`, () => {
      if (this.closed) return;
      this.leader = true;
      void this.startEngine();
    });
    if (!this.leader) this.post({ kind: 'hello' });
  }

  // ---- the account -----------------------------------------------------------------

  private async loadAccount(): Promise<void> {
    const parsed = accountRowSchema.safeParse(await this.store.readValue(ACCOUNT_KEY));
    this.row = parsed.success ? parsed.data : SIGNED_OUT;
    this.keeper?.close();
    this.keeper = null;
    if (this.row.status === 'signed-in' && this.row.sessionRelayUrl && this.row.me) {
      const session = await this.vault.load();
      if (session && session.user.id === this.row.me.id) this.keeper = this.newKeeper(session, this.row.sessionRelayUrl);
      else this.row = { ...this.row, status: 'expired' };
    }
    if (this.row.me && this.row.status !== 'signed-out') {
      this.inboxDoc = await this.store.openPlainDoc(formatRoom({ kind: 'inbox', userId: this.row.me.id }));
    } else this.inboxDoc = null;
  }

  private async saveAccount(row: AccountRow): Promise<void> {
    this.row = row;
    await this.store.writeValue(ACCOUNT_KEY, row);
  }

  private newKeeper(session: Session, relayUrl: string): SessionKeeper {
    return new SessionKeeper(session, {
      vault: this.vault,
      relayUrl,
      lock: this.lock,
      lockName: `tessera-session:${this.store.dbName}`,
      now: this.now,
      fetchImpl: this.options.fetchImpl,
      onExpired: () => void this.expire(),
      onRefreshed: () => undefined,
    });
  }

  private async expire(): Promise<void> {
    if (this.row.status !== 'signed-in') return;
    this.stopEngine();
    await this.saveAccount({ ...this.row, status: 'expired' });
    this.keeper?.close();
    this.keeper = null;
    this.post({ kind: 'session' });
    this.notify();
  }

  account(): AccountState {
    const relayUrl = this.row.status !== 'signed-out' && this.row.sessionRelayUrl ? this.row.sessionRelayUrl : (this.defaultRelayUrl ?? this.row.relayUrl ?? '');
    if (this.signingIn) return { status: 'signing-in', relayUrl };
    if (this.row.status === 'signed-in' && this.row.me && this.keeper) return { status: 'signed-in', relayUrl, me: this.row.me, online: this.online() };
    if (this.row.status !== 'signed-out' && this.row.me) return { status: 'expired', relayUrl, me: this.row.me };
    return { status: 'signed-out', relayUrl };
  }

  private online(): boolean {
    if (this.leader) return this.engine?.online() ?? false;
    return this.mirrored?.online ?? false;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async setRelayUrl(url: string): Promise<void> {
    const clean = normalizeRelayUrl(url);
    if (this.row.status === 'signed-in' && this.row.sessionRelayUrl !== clean) throw new Error('Sign out before changing the relay address.');
    await this.saveAccount({ ...this.row, relayUrl: clean });
    this.defaultRelayUrl = null;
    this.post({ kind: 'session' });
    this.notify();
  }

  async signIn(email: string, password: string): Promise<void> {
    const relayUrl = this.account().relayUrl;
    if (!relayUrl) throw new Error('Set the relay address first.');
    this.signingIn = true;
    this.notify();
    try {
      const session = await new RelayClient(relayUrl, () => Promise.reject(new Error('not signed in')), this.options.fetchImpl).signIn(email, password);
      if (!(await this.vault.save(session))) console.warn('The session could not be stored; you will have to sign in again after a restart.');
      this.stopEngine();
      await this.saveAccount({ relayUrl, status: 'signed-in', sessionRelayUrl: relayUrl, me: session.user });
      this.keeper?.close();
      this.keeper = this.newKeeper(session, relayUrl);
      this.inboxDoc = await this.store.openPlainDoc(formatRoom({ kind: 'inbox', userId: session.user.id }));
    } finally {
      this.signingIn = false;
    }
    this.post({ kind: 'session' });
    if (this.leader) await this.startEngine();
    this.notify();
  }

  async signOut(): Promise<void> {
    const keeper = this.keeper;
    const refreshToken = keeper?.session?.refreshToken;
    this.stopEngine();
    if (refreshToken && this.row.sessionRelayUrl) {
      // Ends the session on the relay too; offline, it simply expires there.
      await new RelayClient(this.row.sessionRelayUrl, () => Promise.reject(new Error('not needed')), this.options.fetchImpl).signOut(refreshToken).catch(() => undefined);
    }
    keeper?.close();
    this.keeper = null;
    await this.vault.save(null);
    await this.saveAccount({ ...this.row, status: 'signed-out', relayUrl: this.row.sessionRelayUrl ?? this.row.relayUrl });
    this.post({ kind: 'session' });
    this.notify();
  }

  // ---- the engine (the leader window only) ----------------------------------------------

  private async startEngine(): Promise<void> {
    if (!this.leader || this.engine || this.closed) return;
    const keeper = this.keeper;
    const me = this.row.me;
    const relayUrl = this.row.sessionRelayUrl;
    if (!keeper || !me || !relayUrl || this.row.status !== 'signed-in') {
      this.publish();
      return;
    }
    const engine = new SyncEngine({
      store: this.store,
      api: this.api(),
      keeper,
      me,
      syncUrl: syncUrl(relayUrl),
      now: this.now,
      WebSocketImpl: this.options.WebSocketImpl,
      heartbeatMs: this.options.heartbeatMs,
      onChange: () => {
        this.publish();
        this.notify();
      },
      onExpired: () => void this.expire(),
    });
    this.engine = engine;
    keeper.startTimer();
    await engine.start();
    this.notify();
  }

  private stopEngine(): void {
    this.engine?.stop();
    this.engine = null;
    this.publish();
  }

  private api(): RelayClient {
    const keeper = this.keeper;
    const relayUrl = this.row.sessionRelayUrl;
    if (!keeper || !relayUrl || this.row.status !== 'signed-in') throw new Error('Sign in to a relay first.');
    return new RelayClient(relayUrl, () => keeper.accessToken(), this.options.fetchImpl);
  }

  /** The leader tells the other windows what it sees (coalesced). */
  private publish(): void {
    if (!this.leader || this.publishTimer || this.closed) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null;
      const states: Record<string, CalendarSyncState> = {};
      for (const id of this.store.calendarIds()) states[id] = this.syncStateOf(id);
      this.post({ kind: 'states', online: this.online(), states });
    }, 50);
  }

  private post(message: SyncChannelMessage): void {
    if (!this.closed) this.channel.postMessage(message);
  }

  private onChannel(e: MessageEvent): void {
    const parsed = syncChannelMessageSchema.safeParse(e.data);
    if (!parsed.success || this.closed) return;
    const message = parsed.data;
    switch (message.kind) {
      case 'states':
        if (!this.leader) {
          this.mirrored = { online: message.online, states: message.states };
          this.notify();
        }
        return;
      case 'hello':
        this.publish();
        return;
      case 'session':
        void (async () => {
          this.stopEngine();
          await this.loadAccount();
          if (this.leader) await this.startEngine();
          this.notify();
        })();
        return;
    }
  }

  // ---- calendars, inbox ----------------------------------------------------------

  private accessMap(): Map<string, CalendarAccess> {
    if (this.engine) return this.engine.access();
    const out = new Map<string, CalendarAccess>();
    if (this.inboxDoc) for (const a of readAccess(this.inboxDoc)) out.set(a.id, a);
    return out;
  }

  calendarInfo(calendarId: string): SharedCalendarInfo {
    const access = this.row.status === 'signed-out' ? null : (this.accessMap().get(calendarId) ?? null);
    const binding = this.store.binding(calendarId);
    return { calendarId, access, level: access?.level ?? binding?.level ?? 'owner', sync: this.syncStateOf(calendarId) };
  }

  private syncStateOf(calendarId: string): CalendarSyncState {
    if (this.engine) return this.engine.calendarState(calendarId);
    const mirrored = this.row.status === 'signed-in' && !this.leader ? this.mirrored?.states[calendarId] : undefined;
    if (mirrored) return mirrored;
    const binding = this.store.binding(calendarId);
    const pending = ['full', 'private'].reduce((n, d) => n + this.store.pendingIds(`cal/${calendarId}/${d}`).length, 0);
    return computeSyncState({
      local: !binding || binding.source === 'local',
      staleSince: binding?.staleSince ?? null,
      readOnly: binding ? !isWritable(binding) : false,
      rooms: [],
      pendingWithoutRooms: pending,
      lastSyncedWithoutRooms: null,
      accountOffline: true,
      error: null,
    });
  }

  invitations(): Invitation[] {
    if (!this.inboxDoc || this.row.status === 'signed-out') return [];
    const invitations = readInboxItems(this.inboxDoc).filter((i): i is Invitation => i.kind === 'invitation');
    // An answer given on another device reaches this one with the overlay, maybe before the inbox.
    return applyInvitationAnswers(invitations, readInvitationAnswers(this.store.overlayDoc));
  }

  notices(): Notice[] {
    if (!this.inboxDoc || this.row.status === 'signed-out') return [];
    const dismissed = this.store.overlayDoc.getMap<number>(DISMISSED_MAP);
    return readInboxItems(this.inboxDoc).filter((i): i is Notice => i.kind === 'notice' && !dismissed.has(i.id));
  }

  meetingRequests(): MeetingItem[] {
    if (!this.inboxDoc || this.row.status === 'signed-out') return [];
    const dismissed = this.store.overlayDoc.getMap<number>(DISMISSED_MAP);
    return readMeetingRequests(this.inboxDoc, this.store.overlayDoc, this.row.me?.name ?? '').filter((m) => !dismissed.has(m.id));
  }

  meetingReplies(): MeetingReply[] {
    if (!this.inboxDoc || this.row.status === 'signed-out') return [];
    return readMeetingReplies(this.inboxDoc, new Set(this.store.overlayDoc.getMap<number>(DISMISSED_MAP).keys()));
  }

  submissionQueues(): SubmissionQueue[] {
    if (!this.inboxDoc || this.row.status === 'signed-out') return [];
    return readSubmissionQueues(this.inboxDoc);
  }

  submissionNotices(): SubmissionNotice[] {
    if (!this.inboxDoc || this.row.status === 'signed-out') return [];
    return readSubmissionNotices(this.inboxDoc, new Set(this.store.overlayDoc.getMap<number>(DISMISSED_MAP).keys()));
  }

  async answerMeeting(itemId: string, response: MeetingResponse, comment: string): Promise<void> {
    const item = this.meetingRequests().find((m) => m.id === itemId && m.status === 'request');
    if (!item) throw new Error('That meeting request is no longer there.');
    recordMeetingAnswer(this.store.overlayDoc, itemId, response, comment.slice(0, MAX_MEETING_COMMENT), this.now(), item.version, ORIGIN_LOCAL);
    this.notify();
  }

  async noteMeetingCancel(calendarId: string, eventKey: string, message: string): Promise<void> {
    recordCancelNote(this.store.overlayDoc, calendarId, eventKey, message.slice(0, MAX_MEETING_COMMENT), this.now(), ORIGIN_LOCAL);
  }

  async dismissNotice(id: string): Promise<void> {
    const doc = this.store.overlayDoc;
    // Stored and synced by the replica engine like any overlay change.
    doc.transact(() => doc.getMap<number>(DISMISSED_MAP).set(id, this.now()), ORIGIN_LOCAL);
    this.notify();
  }

  async acceptInvitation(id: string): Promise<void> {
    const invitation = this.invitations().find((i) => i.id === id);
    if (!invitation) throw new Error('That invitation is no longer there.');
    await acceptInvitation(this.api(), this.store, invitation, this.now(), this.accessMap().get(invitation.calendarId) ?? null);
    this.notify();
  }

  async declineInvitation(id: string): Promise<void> {
    await this.api().declineInvitation(id);
    recordInvitationAnswer(this.store.overlayDoc, id, 'declined', ORIGIN_LOCAL);
    this.notify();
  }

  async removeSharedCalendar(calendarId: string): Promise<void> {
    if (!this.store.overlayCalendarIds().includes(calendarId)) return;
    const name = this.store.calendarName(calendarId);
    const access = this.accessMap().get(calendarId);
    const binding = this.store.binding(calendarId);
    const level = access?.level ?? binding?.level ?? 'owner';
    if (level === 'owner' || !binding || binding.source !== 'relay') throw new Error(`“${name}” is your own calendar: delete it instead.`);
    const work = () => removeSharedCalendar(this.store, calendarId, this.now());
    // The syncing window closes the calendar's sockets first; another window's removal reaches it through the overlay.
    if (this.engine) await this.engine.whileRemoving(calendarId, work);
    else await work();
    this.notify();
  }

  availableCalendars(): CalendarAccess[] {
    if (this.row.status === 'signed-out' || !this.row.me) return [];
    return listAvailableCalendars(this.accessMap().values(), new Set(this.store.overlayCalendarIds()));
  }

  async addAvailableCalendar(calendarId: string): Promise<void> {
    const access = this.availableCalendars().find((a) => a.id === calendarId);
    if (!access) {
      if (this.store.overlayCalendarIds().includes(calendarId)) return;
      throw new Error('That calendar is no longer available to you.');
    }
    const pending = this.invitations().find((i) => i.calendarId === calendarId && i.status === 'pending');
    let added = false;
    if (pending && this.row.status === 'signed-in') {
      // Adding a calendar someone invited the person to is accepting the invitation;
      // offline, it is added all the same and the invitation waits.
      try {
        await acceptInvitation(this.api(), this.store, pending, this.now(), access);
        added = true;
      } catch (err) {
        console.warn('Could not accept the invitation; adding the calendar anyway:', err);
      }
    }
    if (!added) await this.store.addCalendar(access.id, access.name, bindingFromAccess(access, this.now(), null));
    this.notify();
  }

  async directory(): Promise<Directory> {
    try {
      const directory = await this.api().directory();
      await this.store.writeValue(DIRECTORY_KEY, directory);
      return directory;
    } catch (err) {
      // Offline (or signed out): the directory as last synced, parsed like any stored row.
      const kept = directorySchema.safeParse(await this.store.readValue(DIRECTORY_KEY));
      if (kept.success) return kept.data;
      throw err;
    }
  }

  profile() {
    return this.api().profile();
  }

  setProfile(profile: Profile) {
    return this.api().setProfile(profile);
  }

  permissions(calendarId: string) {
    return this.api().permissions(calendarId);
  }

  setGrant(calendarId: string, grant: Parameters<SyncService['setGrant']>[1]) {
    return this.api().setGrant(calendarId, grant);
  }

  setDefaultLevel(calendarId: string, level: Parameters<SyncService['setDefaultLevel']>[1]) {
    return this.api().setDefaultLevel(calendarId, level);
  }

  audit(calendarId: string) {
    return this.api().audit(calendarId);
  }

  relayClient() {
    return this.api();
  }

  icsLinks(calendarId: string) {
    return this.api().icsLinks(calendarId);
  }

  publishIcsLink(calendarId: string, link: Parameters<SyncService['publishIcsLink']>[1]) {
    return this.api().publishIcsLink(calendarId, link);
  }

  revokeIcsLink(calendarId: string, linkId: string) {
    return this.api().revokeIcsLink(calendarId, linkId);
  }

  icsLinkAccess(calendarId: string, linkId: string) {
    return this.api().icsLinkAccess(calendarId, linkId);
  }

  async fetchIcs(request: FetchIcsRequest): Promise<FetchIcsResult | null> {
    if (this.row.status !== 'signed-in') return null;
    try {
      return await this.api().fetchIcs(request);
    } catch (err) {
      return { status: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  }

  // ---- refused edits ------------------------------------------------------------------

  private async refreshUnsaved(): Promise<void> {
    const rows = await this.store.listUnsaved();
    const before = JSON.stringify(this.unsaved.map((u) => u.id));
    this.unsaved = rows.map(toUnsavedChange);
    if (JSON.stringify(this.unsaved.map((u) => u.id)) !== before) this.notify();
  }

  unsavedChanges(): UnsavedChange[] {
    return [...this.unsaved];
  }

  async copyUnsavedTo(id: string, calendarId: string): Promise<void> {
    const change = this.unsaved.find((u) => u.id === id);
    if (!change) throw new Error('That unsaved change is no longer there.');
    const { event } = change;
    // A copy is a new event of the person's own: a changed occurrence becomes a single event.
    const when = event.recurrenceId === null ? event.when : { ...event.when, rrule: null, exdates: [], rdates: [] };
    await this.store.createEvent(calendarId, { when, what: event.what, who: event.who, reminders: event.reminders });
    await this.discardUnsaved(id);
  }

  exportUnsaved(id: string): string {
    const change = this.unsaved.find((u) => u.id === id);
    if (!change) throw new Error('That unsaved change is no longer there.');
    return formatEventIcs(change.event, this.now());
  }

  async discardUnsaved(id: string): Promise<void> {
    await this.store.deleteUnsaved(id);
    this.unsaved = this.unsaved.filter((u) => u.id !== id);
    this.notify();
  }

  // ---- plumbing -------------------------------------------------------------------------

  async settled(): Promise<void> {
    await this.engine?.settled();
  }

  isLeader(): boolean {
    return this.leader;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  close(): void {
    this.closed = true;
    this.stopEngine();
    this.keeper?.close();
    this.unsubscribeStore?.();
    this.leadership?.release();
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.channel.close();
  }
}

function toUnsavedChange(row: UnsavedRow): UnsavedChange {
  return { id: row.id, calendarId: row.calendarId, calendarName: row.calendarName, event: row.event, reason: row.reason, at: row.at };
}
