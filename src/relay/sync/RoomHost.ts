import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { GROUPS, groupMap, metaMap } from '../../shared/model/eventDocument';
import { formatRoom, type RoomName } from '../../shared/protocol/roomName';
import type { Store } from '../store/Store';
import type { Connection } from './Connection';
import { awarenessMessage, updateMessage } from './messages';
import { allProjectionKeys, projectKeys } from './projectCalendar';
import { watchRemovedEntries } from './watchRemovedEntries';
import { watchRootChanges } from './watchRootChanges';
import type { Room, RoomGroup, RoomKind } from './Room';

/** Transaction origin of everything the relay writes itself (projections, inbox, renames). */
export const RELAY_ORIGIN = Symbol('relay');
const LOADING_ORIGIN = Symbol('loading');

const CALENDAR_ROOTS = [...GROUPS, 'meta'];
const ROOT_MAPS: Record<RoomKind, readonly string[]> = {
  full: CALENDAR_ROOTS,
  private: CALENDAR_ROOTS,
  titles: ['when', 'what'],
  busy: ['when', 'what'],
  inbox: ['access', 'items'],
  user: [],
};

export interface RoomHostOptions {
  /** How long a room stays in memory after its last socket leaves. */
  idleMs: number;
  /** Compact a room's log into a snapshot after this many rows or bytes. */
  compactRows: number;
  compactBytes: number;
  now: () => number;
  log: (message: string) => void;
}

export interface RoomHostHooks {
  /** Current projection epochs of a calendar, or null when it does not exist. */
  calendarEpochs(calendarId: string): { titles: number; busy: number } | null;
  /** A room was loaded (not from inside an effect that reconciles it anyway). */
  onLoaded(room: Room): void;
  /** A client changed the calendar's name in its `full` document. */
  onMetaName(calendarId: string, name: string, byUserId: string | null): void;
  /**
   * After a change of a room is stored and sent: root map -> changed keys (meetings act on them);
   * for `full`, also root map -> removed key -> the value it held (the event trash keeps them).
   */
  onChanged?(room: Room, changed: ReadonlyMap<string, ReadonlySet<string>>, byUserId: string | null, removed?: ReadonlyMap<string, ReadonlyMap<string, unknown>>): void;
}

/**
 * Keeps the loaded rooms: loads a document from the store on first use, holds
 * it while sockets use it, and drops it `idleMs` after the last one leaves.
 * Every change goes through here in one order: stored (committed) first, then
 * applied to the live document, then sent to the other sockets. A calendar's
 * titles and busy projections load on first use (reconciled with `full` then)
 * and, while loaded, follow each accepted change of `full` in the same step.
 */
export class RoomHost {
  private readonly rooms = new Map<string, Room>();
  private readonly groups = new Map<string, RoomGroup>();
  private readonly byUser = new Map<string, Set<Connection>>();
  readonly connections = new Set<Connection>();

  constructor(
    private readonly store: Store,
    private readonly options: RoomHostOptions,
    private readonly hooks: RoomHostHooks,
  ) {}

  peek(key: string): Room | undefined {
    return this.rooms.get(key);
  }

  loadedRooms(): IterableIterator<Room> {
    return this.rooms.values();
  }

  loadedCalendarIds(): string[] {
    const ids: string[] = [];
    for (const g of this.groups.values()) if (g.calendar) ids.push(g.calendar.id);
    return ids;
  }

  /** The room for a name, loading it (and its group) if needed. Throws for a calendar that does not exist. */
  open(name: RoomName, options: { reconcile?: boolean } = {}): Room {
    const key = formatRoom(name);
    if (name.kind === 'calendar' && name.doc !== 'private') {
      let group = this.groups.get(`cal/${name.calendarId}`);
      const epochs = this.hooks.calendarEpochs(name.calendarId);
      if (!epochs) throw new Error(`No calendar ${name.calendarId}`);
      const cal = group?.calendar;
      if (cal && ((cal.titles && cal.titles.key !== `cal/${name.calendarId}/titles@${epochs.titles}`) || (cal.busy && cal.busy.key !== `cal/${name.calendarId}/busy@${epochs.busy}`))) {
        this.swapProjections(name.calendarId);
      }
      group ??= this.loadCalendarGroup(name.calendarId);
      if (name.doc === 'titles' || name.doc === 'busy') this.ensureProjection(group, name.doc, epochs[name.doc]);
      const room = this.rooms.get(key);
      if (!room) throw new Error(`Room ${key} is not the current epoch`);
      return room;
    }
    const existing = this.rooms.get(key);
    if (existing) return existing;
    const kind: RoomKind = name.kind === 'calendar' ? 'private' : name.kind;
    const group = this.newGroup(key);
    const room = this.loadRoom(key, kind, group);
    group.rooms.push(room);
    this.groups.set(group.key, group);
    this.rooms.set(key, room);
    if (options.reconcile !== false) this.hooks.onLoaded(room);
    this.scheduleIdle(group);
    return room;
  }

  attach(conn: Connection, room: Room): void {
    conn.room = room;
    room.conns.add(conn);
    this.connections.add(conn);
    let set = this.byUser.get(conn.userId);
    if (!set) this.byUser.set(conn.userId, (set = new Set()));
    set.add(conn);
    if (room.group.idleTimer) {
      clearTimeout(room.group.idleTimer);
      room.group.idleTimer = null;
    }
  }

  detach(conn: Connection): void {
    this.connections.delete(conn);
    const set = this.byUser.get(conn.userId);
    if (set) {
      set.delete(conn);
      if (set.size === 0) this.byUser.delete(conn.userId);
    }
    const room = conn.room;
    if (!room) return;
    conn.room = null;
    room.conns.delete(conn);
    if (room.awareness && conn.awarenessIds && conn.awarenessIds.size > 0) {
      const mine = [...conn.awarenessIds].filter((id) => room.awarenessOwners.get(id) === conn);
      for (const id of mine) room.awarenessOwners.delete(id);
      if (mine.length > 0) removeAwarenessStates(room.awareness, mine, conn);
    }
    this.scheduleIdle(room.group);
  }

  connectionsOf(userId: string): Connection[] {
    return [...(this.byUser.get(userId) ?? [])];
  }

  connectedUserIds(): string[] {
    return [...this.byUser.keys()];
  }

  /** Sends a frame to every socket of the room except `except`. */
  broadcast(room: Room, message: Uint8Array, except?: Connection): void {
    for (const c of room.conns) if (c !== except) c.send(message);
  }

  /**
   * A validated client update: stored and committed, then applied, then sent on;
   * for `full`, the projections follow in the same step.
   */
  commitClientUpdate(room: Room, update: Uint8Array, from: Connection): void {
    const id = this.store.rooms.append(room.key, update);
    this.noteRow(room, id, update.length);
    const stopWatching = this.hooks.onChanged ? watchRootChanges(room.doc) : null;
    const stopRemoved = this.hooks.onChanged && room.kind === 'full' ? watchRemovedEntries(room.doc) : null;
    try {
      Y.applyUpdate(room.doc, update, from);
    } catch (err) {
      stopWatching?.();
      stopRemoved?.();
      // Validated updates do not throw; if one does, the live document may hold
      // part of it: drop it so the next use reloads what the store holds.
      for (const r of room.group.rooms) for (const c of [...r.conns]) c.close(1011, 'apply-failed');
      this.unloadGroup(room.group, false);
      throw err;
    }
    this.broadcast(room, updateMessage(update), from);
    if (room.kind === 'full') this.propagate(room.group, from.userId);
    this.maybeCompact(room);
    const changed = stopWatching?.();
    const removed = stopRemoved?.();
    if (changed && changed.size > 0) this.hooks.onChanged?.(room, changed, from.userId, removed);
  }

  /** A change the relay makes itself (inbox, rename): applied, stored, then sent. */
  writeServer(room: Room, change: (doc: Y.Doc) => void): void {
    room.doc.transact(() => change(room.doc), RELAY_ORIGIN);
    this.flush([room]);
    if (room.kind === 'full') this.propagate(room.group, null);
    this.scheduleIdle(room.group);
  }

  /** Closes every socket of a calendar's rooms and forgets its documents (deleted calendar). */
  dropCalendar(calendarId: string, code: number, reason: string): void {
    for (const key of [`cal/${calendarId}`, `cal/${calendarId}/private`]) {
      const group = this.groups.get(key);
      if (!group) continue;
      for (const room of group.rooms) for (const c of [...room.conns]) c.close(code, reason);
      this.unloadGroup(group, false);
    }
  }

  /**
   * Replaces a loaded calendar's projections with those of the store's current
   * epochs (after a rebuild): sockets on the old epochs are closed with 4404, old
   * rows deleted, new documents derived from `full` and stored.
   */
  swapProjections(calendarId: string): void {
    const group = this.groups.get(`cal/${calendarId}`);
    const epochs = this.hooks.calendarEpochs(calendarId);
    if (!group?.calendar || !epochs) return;
    const cal = group.calendar;
    for (const kind of ['titles', 'busy'] as const) {
      const old = cal[kind];
      if (!old || old.key === `cal/${calendarId}/${kind}@${epochs[kind]}`) continue;
      for (const c of [...old.conns]) c.close(4404, `epoch-changed:${epochs[kind]}`);
      this.disposeRoom(old);
      this.store.rooms.deleteRoom(old.key);
      group.rooms = group.rooms.filter((r) => r !== old);
      cal[kind] = null;
      // The new epoch loads (derived from `full`) when a socket opens it.
    }
  }

  /** Loads a calendar's projection at `epoch` if it is not, bringing it in line with `full`. */
  private ensureProjection(group: RoomGroup, kind: 'titles' | 'busy', epoch: number): void {
    const cal = group.calendar!;
    if (cal[kind]) return;
    const room = this.loadRoom(`cal/${cal.id}/${kind}@${epoch}`, kind, group);
    group.rooms.push(room);
    cal[kind] = room;
    this.rooms.set(room.key, room);
    // Catches up whatever changed in `full` while this projection was not loaded
    // (or a relay killed between storing `full` and its projection), writing only what differs.
    room.doc.transact(() => projectKeys(cal.full.doc, room.doc, kind, allProjectionKeys(cal.full.doc, room.doc)), RELAY_ORIGIN);
    this.flush([room]);
  }

  /** The document as one update for a client that holds nothing yet, encoded once while it stays unchanged. */
  fullState(room: Room): Uint8Array {
    return (room.encodedState ??= Y.encodeStateAsUpdate(room.doc));
  }

  /** Unloads every room (relay shutdown); sockets must be closed by the caller. */
  closeAll(): void {
    for (const group of [...this.groups.values()]) this.unloadGroup(group, true);
  }

  /** Sends a socket the room's presence states. */
  awarenessStates(room: Room): Uint8Array | null {
    if (!room.awareness) return null;
    const clients = [...room.awareness.getStates().keys()];
    return clients.length === 0 ? null : awarenessMessage(encodeAwarenessUpdate(room.awareness, clients));
  }

  // ---- internals --------------------------------------------------------------

  private newGroup(key: string): RoomGroup {
    return { key, rooms: [], idleTimer: null, calendar: null, changedKeys: new Set(), metaChanged: false };
  }

  private loadCalendarGroup(calendarId: string): RoomGroup {
    const group = this.newGroup(`cal/${calendarId}`);
    const full = this.loadRoom(`cal/${calendarId}/full`, 'full', group);
    group.rooms.push(full);
    group.calendar = { id: calendarId, full, titles: null, busy: null };
    this.groups.set(group.key, group);
    this.rooms.set(full.key, full);
    const whenMap: unknown = groupMap(full.doc, 'when');
    const whatMap: unknown = groupMap(full.doc, 'what');
    const meta: unknown = metaMap(full.doc);
    full.doc.on('afterTransaction', (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) {
        if (type === whenMap || type === whatMap) {
          for (const k of keys) if (k !== null) group.changedKeys.add(k);
        } else if (type === meta && keys.has('name')) group.metaChanged = true;
      }
    });
    this.scheduleIdle(group);
    return group;
  }

  private loadRoom(key: string, kind: RoomKind, group: RoomGroup): Room {
    const stored = this.store.rooms.load(key);
    let snapshot = stored.snapshot;
    let loaded = this.loadDoc(key, kind, snapshot, stored.updates);
    if (!loaded) {
      // The snapshot was damaged part-way through applying it: start again without it.
      snapshot = null;
      loaded = this.loadDoc(key, kind, null, stored.updates)!;
    }
    const { doc, bytes } = loaded;
    const room: Room = {
      key,
      kind,
      doc,
      group,
      conns: new Set(),
      awareness: null,
      awarenessOwners: new Map(),
      captured: [],
      lastId: stored.lastId,
      rowsSinceSnapshot: stored.updates.length,
      bytesSinceSnapshot: bytes,
      encodedState: snapshot && stored.updates.length === 0 ? snapshot : null,
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      room.encodedState = null;
      if (origin === RELAY_ORIGIN) room.captured.push(update);
    });
    if (kind === 'full' || kind === 'private' || kind === 'user') {
      const awareness = new Awareness(doc);
      awareness.setLocalState(null);
      awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        if (changed.length === 0) return;
        const msg = awarenessMessage(encodeAwarenessUpdate(awareness, changed));
        for (const c of room.conns) if (c !== origin) c.send(msg);
      });
      room.awareness = awareness;
    }
    return room;
  }

  /**
   * A document from its stored snapshot and the rows after it; null when the
   * snapshot itself fails to apply (the caller retries without it). The snapshot
   * goes into an empty document unchecked: decoding 9 MB just to validate it
   * cost ~100 ms of a new device's first sync, and an empty document that fails
   * is simply thrown away. Later rows are small and are decoded first, so a
   * damaged one is skipped before any of it reaches the document.
   */
  private loadDoc(key: string, kind: RoomKind, snapshot: Uint8Array | null, updates: readonly { id: number; data: Uint8Array }[]): { doc: Y.Doc; bytes: number } | null {
    const doc = new Y.Doc({ gc: true });
    // Declare the known root types first, so they load as maps (not as untyped
    // roots that only become maps on first use) and read as such everywhere.
    for (const name of ROOT_MAPS[kind]) doc.getMap(name);
    let bytes = 0;
    let snapshotFailed = false;
    doc.transact(() => {
      if (snapshot) {
        try {
          Y.applyUpdate(doc, snapshot, LOADING_ORIGIN);
          bytes += snapshot.length;
        } catch (err) {
          this.options.log(`Skipping damaged snapshot of ${key}: ${err instanceof Error ? err.message : String(err)}`);
          snapshotFailed = true;
          return;
        }
      }
      for (const row of updates) {
        bytes += row.data.length;
        try {
          Y.decodeUpdate(row.data);
          Y.applyUpdate(doc, row.data, LOADING_ORIGIN);
        } catch (err) {
          this.options.log(`Skipping damaged row ${row.id} of ${key}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }, LOADING_ORIGIN);
    if (snapshotFailed) {
      doc.destroy();
      return null;
    }
    return { doc, bytes };
  }

  /** Stores what the relay wrote to these rooms in one transaction, then sends it. */
  private flush(rooms: Room[]): void {
    const entries: { room: Room; update: Uint8Array }[] = [];
    for (const r of rooms) {
      for (const u of r.captured) entries.push({ room: r, update: u });
      r.captured = [];
    }
    if (entries.length === 0) return;
    let ids: number[];
    try {
      ids = this.store.rooms.appendMany(entries.map((e) => ({ room: e.room.key, update: e.update })));
    } catch (err) {
      // The live documents now hold what the store does not: drop them so the next
      // use reloads the stored truth (the relay re-derives on load).
      for (const r of rooms) {
        for (const c of [...r.conns]) c.close(1011, 'store-failed');
        this.unloadGroup(r.group, false);
      }
      throw err;
    }
    entries.forEach((e, i) => {
      this.noteRow(e.room, ids[i]!, e.update.length);
      this.broadcast(e.room, updateMessage(e.update));
    });
    for (const r of rooms) this.maybeCompact(r);
  }

  /** After `full` changed: bring the projections along, and pass a changed name on. */
  private propagate(group: RoomGroup, byUserId: string | null): void {
    const cal = group.calendar;
    if (!cal) return;
    const keys = group.changedKeys;
    group.changedKeys = new Set();
    const loaded = [cal.titles, cal.busy].filter((r): r is Room => r !== null);
    if (keys.size > 0 && loaded.length > 0) {
      for (const p of loaded) p.doc.transact(() => projectKeys(cal.full.doc, p.doc, p.kind as 'titles' | 'busy', keys), RELAY_ORIGIN);
      this.flush(loaded);
    }
    if (group.metaChanged) {
      group.metaChanged = false;
      const name = metaMap(cal.full.doc).get('name');
      if (typeof name === 'string') this.hooks.onMetaName(cal.id, name, byUserId);
    }
  }

  private noteRow(room: Room, id: number, bytes: number): void {
    room.lastId = id;
    room.rowsSinceSnapshot++;
    room.bytesSinceSnapshot += bytes;
  }

  private maybeCompact(room: Room, force = false): void {
    if (room.rowsSinceSnapshot === 0) return;
    if (!force && room.rowsSinceSnapshot < this.options.compactRows && room.bytesSinceSnapshot < this.options.compactBytes) return;
    const snapshot = this.fullState(room);
    this.store.rooms.compact(room.key, snapshot, room.lastId, this.options.now());
    room.rowsSinceSnapshot = 0;
    room.bytesSinceSnapshot = snapshot.length;
  }

  private scheduleIdle(group: RoomGroup): void {
    if (group.idleTimer || group.rooms.some((r) => r.conns.size > 0)) return;
    group.idleTimer = setTimeout(() => {
      group.idleTimer = null;
      if (group.rooms.every((r) => r.conns.size === 0)) this.unloadGroup(group, true);
    }, this.options.idleMs);
    group.idleTimer.unref();
  }

  private unloadGroup(group: RoomGroup, compact: boolean): void {
    if (group.idleTimer) clearTimeout(group.idleTimer);
    group.idleTimer = null;
    for (const room of group.rooms) {
      if (compact && room.rowsSinceSnapshot > 1) {
        try {
          this.maybeCompact(room, true);
        } catch (err) {
          this.options.log(`Could not compact ${room.key}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      this.disposeRoom(room);
    }
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
  }

  private disposeRoom(room: Room): void {
    if (this.rooms.get(room.key) === room) this.rooms.delete(room.key);
    room.awareness?.destroy();
    room.doc.destroy();
  }
}
