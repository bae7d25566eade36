import type * as Y from 'yjs';
import type { CalendarAccess, Me } from '../../shared/protocol/api';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { readAccess } from '../../shared/protocol/inboxDocument';
import { formatRoom } from '../../shared/protocol/roomName';
import type { ReplicaStoreApi } from '../replica/openCalendarStore';
import { bindingFromAccess, isWritable, sameBinding, type ReplicaBinding } from '../replica/ReplicaBinding';
import { computeSyncState } from './computeSyncState';
import { fetchRoomState } from './fetchRoomState';
import { hasPendingChanges, keepUnsavedChanges } from './keepUnsavedChanges';
import { planCalendars, type CalendarPlan, type PlannedCalendar } from './planCalendars';
import type { RelayClient } from './RelayClient';
import { RelayError } from './RelayError';
import { resetReplica } from './resetReplica';
import { RoomSync, type TerminalClose } from './RoomSync';
import { SessionExpiredError, type SessionKeeper } from './SessionKeeper';
import type { CalendarSyncState } from './SyncService';

export interface SyncEngineOptions {
  store: ReplicaStoreApi;
  api: RelayClient;
  keeper: SessionKeeper;
  me: Me;
  /** The relay's websocket base (`ws(s)://host/sync`). */
  syncUrl: string;
  now: () => number;
  WebSocketImpl?: typeof WebSocket;
  heartbeatMs?: number;
  /** Sync state, access or the inbox changed. */
  onChange: () => void;
  /** The refresh token was refused. */
  onExpired: () => void;
}

/** One calendar's open rooms, for the replica object they were opened on. */
interface CalendarSync {
  generation: number;
  binding: ReplicaBinding;
  rooms: RoomSync[];
}

interface Trouble {
  message: string;
  /** Consecutive refusals of the same kind, for backoff and giving up. */
  count: number;
}

/**
 * The syncing window's side of the sync service: the inbox (`inbox/<me>`,
 * whose `access` map says what to sync), the overlay (`user/local` <->
 * `user/<me>`), and every calendar's rooms per its binding. Decisions come from
 * planCalendars (pure); this class carries them out and handles the relay's
 * final close codes.
 */
export class SyncEngine {
  private inboxDoc: Y.Doc | null = null;
  private inboxSync: RoomSync | null = null;
  private overlaySync: RoomSync | null = null;
  private readonly calendars = new Map<string, CalendarSync>();
  private readonly trouble = new Map<string, Trouble>();
  /** Calendars with an upload, reset or removal under way: left alone by reconcile. */
  private readonly busy = new Set<string>();
  /** Owned calendars the person deleted here, so they are not added back before the relay drops them. */
  private readonly deletedOwned = new Set<string>();
  private overlayIds = new Set<string>();
  /** Access read over HTTP after a 4403/4404, newer than the inbox until it changes again. */
  private accessOverride: Map<string, CalendarAccess> | null = null;
  private inboxConfirmed = false;
  private overlayConfirmed = false;
  private reconciling: Promise<void> = Promise.resolve();
  private reconcileQueued = false;
  private unsubscribe: (() => void) | null = null;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(private readonly options: SyncEngineOptions) {}

  async start(): Promise<void> {
    const { store, me } = this.options;
    this.inboxDoc = await store.openPlainDoc(formatRoom({ kind: 'inbox', userId: me.id }));
    if (this.stopped) return;
    this.inboxDoc.on('update', () => {
      this.accessOverride = null;
      this.scheduleReconcile();
      this.options.onChange();
    });
    const inboxRoom = formatRoom({ kind: 'inbox', userId: me.id });
    this.inboxSync = this.openRoom(inboxRoom, this.inboxDoc, inboxRoom, true, null);
    this.overlaySync = this.openRoom(formatRoom({ kind: 'user', userId: me.id }), store.overlayDoc, store.overlayDocName, false, null);
    this.overlayIds = new Set(store.overlayCalendarIds());
    this.unsubscribe = store.subscribe(() => {
      for (const c of this.calendars.values()) for (const r of c.rooms) r.poke();
      this.overlaySync?.poke();
      this.scheduleReconcile();
    });
    store.setBeforeForget(async (calendarId) => {
      // Removed from the overlay on another device: keep what this one never got confirmed.
      this.stopCalendar(calendarId);
      if (hasPendingChanges(store, calendarId)) await keepUnsavedChanges(store, calendarId, { main: null, kind: 'full', private: null }, `“${store.calendarName(calendarId)}” was removed from your calendars before this change reached the relay.`, this.options.now());
    });
    this.scheduleReconcile();
  }

  /** Connected to the relay (the inbox room is live). */
  online(): boolean {
    return this.inboxSync?.state().connection === 'live';
  }

  /** The inbox document (access map, invitations, notices). */
  inbox(): Y.Doc | null {
    return this.inboxDoc;
  }

  access(): Map<string, CalendarAccess> {
    const out = new Map<string, CalendarAccess>();
    if (this.inboxDoc) for (const a of readAccess(this.inboxDoc)) out.set(a.id, a);
    if (this.accessOverride) return new Map(this.accessOverride);
    return out;
  }

  calendarState(calendarId: string): CalendarSyncState {
    const { store } = this.options;
    const binding = store.binding(calendarId);
    const sync = this.calendars.get(calendarId);
    const trouble = this.trouble.get(calendarId);
    const pending = hasPendingChanges(store, calendarId) ? [`cal/${calendarId}/full`, `cal/${calendarId}/private`].reduce((n, d) => n + store.pendingIds(d).length, 0) : 0;
    return computeSyncState({
      local: !binding || binding.source === 'local',
      staleSince: binding?.staleSince ?? null,
      readOnly: binding ? !isWritable(binding) : false,
      rooms: sync ? sync.rooms.map((r) => r.state()) : [],
      pendingWithoutRooms: pending,
      lastSyncedWithoutRooms: null,
      accountOffline: false,
      error: trouble && trouble.count >= 3 ? trouble.message : null,
    });
  }

  // ---- rooms -------------------------------------------------------------------

  private openRoom(room: string, doc: Y.Doc, docName: string, readOnly: boolean, calendarId: string | null): RoomSync {
    const key = calendarId ?? room;
    return new RoomSync({
      syncUrl: this.options.syncUrl,
      room,
      doc,
      docName,
      host: this.options.store,
      token: () => this.options.keeper.tokenNow(),
      readOnly,
      onTerminal: (close, s) => void this.onTerminal(close, s, calendarId),
      onChange: (sync) => {
        if (this.stopped) return;
        if (sync.state().connection === 'live') this.trouble.delete(key);
        this.noteConfirmed();
        this.options.onChange();
      },
      now: this.options.now,
      WebSocketImpl: this.options.WebSocketImpl,
      heartbeatMs: this.options.heartbeatMs,
    });
  }

  /** Removal and upload wait until this session has heard from the relay: a persisted inbox may be old. */
  private noteConfirmed(): void {
    const inboxLive = this.inboxSync?.state().connection === 'live' && this.inboxSync.state().lastSyncedAt !== null;
    const overlayLive = this.overlaySync?.state().connection === 'live' && this.overlaySync.state().lastSyncedAt !== null;
    if ((inboxLive && !this.inboxConfirmed) || (overlayLive && !this.overlayConfirmed)) {
      this.inboxConfirmed ||= inboxLive;
      this.overlayConfirmed ||= overlayLive;
      this.scheduleReconcile();
    }
  }

  private async onTerminal(close: TerminalClose, sync: RoomSync, calendarId: string | null): Promise<void> {
    if (this.stopped) return;
    const { code } = close;
    if (code === CLOSE.unauthorized) {
      try {
        await this.options.keeper.refresh(null);
        this.reconnectAll();
      } catch (err) {
        if (err instanceof SessionExpiredError) this.options.onExpired();
        else this.later(() => sync.reconnect(), 5_000);
      }
      return;
    }
    if (code === CLOSE.tooMany) {
      const t = this.note(calendarId ?? sync.room, 'The relay asked to slow down.');
      this.later(() => sync.reconnect(), Math.min(60_000, 2_000 * 2 ** t.count));
      return;
    }
    if (calendarId === null) {
      // The inbox or overlay: nothing to re-read; try again later.
      const t = this.note(sync.room, `The relay refused ${sync.room} (${close.reason || code}).`);
      this.later(() => sync.reconnect(), Math.min(60_000, 5_000 * 2 ** t.count));
      return;
    }
    if (code === CLOSE.reset || code === CLOSE.tooLarge) {
      await this.runReset(calendarId, close.authReason ?? close.reason);
      return;
    }
    if (code === CLOSE.forbidden || code === CLOSE.notFound) {
      // The level or epoch changed; the inbox may not have caught up yet.
      const t = this.note(calendarId, `The relay refused this calendar (${close.reason || code}).`);
      try {
        this.accessOverride = new Map((await this.options.api.calendars()).map((a) => [a.id, a]));
      } catch {
        // Offline or refused: the inbox will bring the change.
      }
      this.stopCalendar(calendarId);
      this.later(() => this.scheduleReconcile(), t.count > 1 ? Math.min(60_000, 2_000 * 2 ** t.count) : 0);
      return;
    }
    const t = this.note(calendarId, `The relay closed this calendar's connection (${close.reason || code}).`);
    this.later(() => sync.reconnect(), Math.min(60_000, 2_000 * 2 ** t.count));
  }

  private note(key: string, message: string): Trouble {
    const t = this.trouble.get(key) ?? { message, count: 0 };
    t.message = message;
    t.count++;
    this.trouble.set(key, t);
    return t;
  }

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(timer);
  }

  /** After a new token: every room that stopped on 4401 connects again. */
  private reconnectAll(): void {
    this.inboxSync?.reconnect();
    this.overlaySync?.reconnect();
    for (const c of this.calendars.values()) for (const r of c.rooms) r.reconnect();
  }

  private stopCalendar(calendarId: string): void {
    const sync = this.calendars.get(calendarId);
    if (!sync) return;
    for (const r of sync.rooms) r.destroy();
    this.calendars.delete(calendarId);
    this.options.onChange();
  }

  private async runReset(calendarId: string, why: string): Promise<void> {
    if (this.busy.has(calendarId)) return;
    this.busy.add(calendarId);
    this.stopCalendar(calendarId);
    try {
      await resetReplica(
        {
          host: this.options.store,
          accessNow: async (id) => (await this.options.api.calendars()).find((a) => a.id === id) ?? null,
          fetchState: async (room) => fetchRoomState({ syncUrl: this.options.syncUrl, room, token: await this.options.keeper.accessToken(), WebSocketImpl: this.options.WebSocketImpl }),
          now: this.options.now,
        },
        calendarId,
        why,
      );
      this.trouble.delete(calendarId);
    } catch (err) {
      if (err instanceof SessionExpiredError) {
        this.options.onExpired();
        return;
      }
      // Offline half-way: nothing was replaced yet; try again later.
      const t = this.note(calendarId, `Could not reset this calendar after the relay refused a change: ${err instanceof Error ? err.message : String(err)}`);
      this.later(() => void this.runReset(calendarId, why), Math.min(120_000, 5_000 * 2 ** t.count));
    } finally {
      this.busy.delete(calendarId);
      this.scheduleReconcile();
      this.options.onChange();
    }
  }

  // ---- reconciling with the access map -------------------------------------------

  private scheduleReconcile(): void {
    if (this.reconcileQueued || this.stopped) return;
    this.reconcileQueued = true;
    this.reconciling = this.reconciling.then(async () => {
      this.reconcileQueued = false;
      if (this.stopped) return;
      try {
        await this.reconcile();
      } catch (err) {
        console.warn('Sync reconcile failed:', err);
      }
    });
  }

  /** Resolves once every reconcile scheduled so far has run (tests). */
  async settled(): Promise<void> {
    let last: Promise<void> | null = null;
    while (last !== this.reconciling) {
      last = this.reconciling;
      await last;
    }
  }

  private async reconcile(): Promise<void> {
    const { store, now } = this.options;
    const overlayNow = new Set(store.overlayCalendarIds());
    // The store is still opening calendars the overlay just gained: decide once it has
    // (it notifies when done), or a calendar from another device would look missing.
    if ([...overlayNow].some((id) => store.binding(id) === null)) return;
    const access = this.access();
    // Owned calendars the person removed from their list here go from the relay too.
    for (const id of this.overlayIds) {
      if (overlayNow.has(id) || this.busy.has(id)) continue;
      this.stopCalendar(id);
      if (access.get(id)?.level === 'owner') {
        this.deletedOwned.add(id);
        void this.options.api.deleteCalendar(id).catch((err: unknown) => {
          if (!(err instanceof RelayError && err.status === 404)) console.warn('Could not delete the calendar on the relay:', err);
        });
      }
    }
    this.overlayIds = overlayNow;
    for (const id of this.deletedOwned) if (!access.has(id)) this.deletedOwned.delete(id);

    const calendars: PlannedCalendar[] = [];
    for (const id of overlayNow) {
      const binding = store.binding(id);
      if (!binding || this.busy.has(id)) continue;
      const entry = store.overlayEntry(id);
      const auto = entry?.auto === true;
      // Only the starter calendar's emptiness matters, and only once it is loaded.
      const replica = auto && binding.source === 'local' ? await store.loadedReplica(id) : null;
      calendars.push({ id, binding, onRelay: binding.source === 'relay' || entry?.relay === true, pending: hasPendingChanges(store, id), auto, empty: replica ? replica.keys().length === 0 : null });
    }
    const plan = planCalendars({
      calendars,
      access,
      accessConfirmed: this.inboxConfirmed,
      overlayConfirmed: this.overlayConfirmed,
      deletedOwned: this.deletedOwned,
      now: now(),
    });
    for (const step of plan) await this.carryOut(step);
    this.options.onChange();
  }

  private async carryOut(step: CalendarPlan): Promise<void> {
    const { store } = this.options;
    switch (step.kind) {
      case 'sync':
        this.ensureRooms(step.calendarId);
        return;
      case 'stop':
        this.stopCalendar(step.calendarId);
        return;
      case 'bind': {
        const current = store.binding(step.calendarId);
        if (current && sameBinding(current, step.binding)) return;
        if (step.reset) {
          await this.runReset(step.calendarId, 'level-changed');
          return;
        }
        this.stopCalendar(step.calendarId);
        await store.rebind(step.calendarId, step.binding);
        if (step.binding.staleSince === null) this.ensureRooms(step.calendarId);
        return;
      }
      case 'upload':
        await this.upload(step.calendarId);
        return;
      case 'remove':
        this.busy.add(step.calendarId);
        try {
          this.stopCalendar(step.calendarId);
          if (step.keepUnsaved) await keepUnsavedChanges(store, step.calendarId, { main: null, kind: 'full', private: null }, `“${store.calendarName(step.calendarId)}” is no longer shared with you, so this change could not be saved there.`, this.options.now());
          await store.forgetCalendar(step.calendarId);
        } finally {
          this.busy.delete(step.calendarId);
        }
        return;
      case 'add':
        await store.addCalendar(step.access.id, step.access.name, bindingFromAccess(step.access, this.options.now(), null));
        return;
      case 'drop-auto':
        await store.forgetCalendar(step.calendarId);
        return;
    }
  }

  /** A local calendar goes to the relay under its own id, so its documents carry over. */
  private async upload(calendarId: string): Promise<void> {
    const { store, api } = this.options;
    this.busy.add(calendarId);
    try {
      const access = await api.createCalendar(calendarId, store.calendarName(calendarId));
      await store.markOnRelay(calendarId);
      await store.rebind(calendarId, bindingFromAccess(access, this.options.now(), store.binding(calendarId)));
      this.trouble.delete(calendarId);
    } catch (err) {
      if (err instanceof SessionExpiredError) {
        this.options.onExpired();
        return;
      }
      const t = this.note(calendarId, `Could not put this calendar on the relay: ${err instanceof Error ? err.message : String(err)}`);
      this.later(() => this.scheduleReconcile(), Math.min(120_000, 5_000 * 2 ** t.count));
    } finally {
      this.busy.delete(calendarId);
    }
    this.ensureRooms(calendarId);
  }

  /** Opens the rooms of a calendar's binding on its current replica, replacing rooms of an older one. */
  private ensureRooms(calendarId: string): void {
    const { store } = this.options;
    const binding = store.binding(calendarId);
    const generation = store.generation(calendarId);
    const current = this.calendars.get(calendarId);
    if (!binding || binding.source !== 'relay' || binding.staleSince !== null || this.busy.has(calendarId)) {
      if (current) this.stopCalendar(calendarId);
      return;
    }
    if (current && current.generation === generation && sameBinding(current.binding, binding)) return;
    if (current) this.stopCalendar(calendarId);
    const entry: CalendarSync = { generation, binding, rooms: [] };
    this.calendars.set(calendarId, entry);
    void store.loadedReplica(calendarId).then((replica) => {
      if (!replica || this.stopped || this.calendars.get(calendarId) !== entry || store.generation(calendarId) !== generation) return;
      for (const { docName, doc } of replica.docs()) entry.rooms.push(this.openRoom(docName, doc, docName, !replica.writable, calendarId));
      this.options.onChange();
    });
  }

  /**
   * Runs `work` (taking a calendar out of the list) with the calendar's sockets
   * closed and reconcile keeping off it, so no confirmation lands half-way.
   */
  async whileRemoving(calendarId: string, work: () => Promise<void>): Promise<void> {
    if (this.busy.has(calendarId)) throw new Error('This calendar is busy; try again in a moment.');
    this.busy.add(calendarId);
    try {
      this.stopCalendar(calendarId);
      await work();
    } finally {
      this.busy.delete(calendarId);
      this.scheduleReconcile();
    }
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.options.store.setBeforeForget(null);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.inboxSync?.destroy();
    this.overlaySync?.destroy();
    for (const id of [...this.calendars.keys()]) this.stopCalendar(id);
  }
}
