import * as Y from 'yjs';
import { Dexie } from 'dexie';
import { z } from 'zod';
import { eventKey, type CalendarEvent } from '../../shared/model/CalendarEvent';
import type { EventGroups } from '../../shared/model/eventDocument';
import { assertValidEvent } from '../../shared/model/validateEvent';
import { localToEpoch } from '../../shared/time/localToEpoch';
import { systemZone } from '../../shared/time/systemZone';
import { buildRows } from './buildRows';
import { CalendarReadOnlyError } from './CalendarReadOnlyError';
import { CalendarReplica, ORIGIN_LOAD, ORIGIN_LOCAL, ORIGIN_MIGRATE, ORIGIN_OTHER_WINDOW, type DocPart, type PendingChanges, type PendingUpdate } from './CalendarReplica';
import { addRange, DAY_MS, groupByDay, LONG_BUCKET, missingRanges } from './dayBuckets';
import type { CalendarInfo, CalendarStore, EditScope, EventInput, OccurrenceRow, Settings } from './CalendarStore';
import { compactDoc, loadDoc } from './loadDoc';
import { planDelete, planUpdate, type EditPlan } from './planEdit';
import { calendarDocPrefix, docNamesOf, localBinding, mainDocName, replicaBindingSchema, sameBinding, type ReplicaBinding } from './ReplicaBinding';
import { ORIGIN_REMOTE, type ReplicaHost } from './ReplicaHost';
import { checksum, TesseraDb, type DayBucket, type IndexMetaRow, type IndexRow, type SyncStateRow, type UnsavedRow } from './TesseraDb';
import { unconfirmedKeys } from './unconfirmedKeys';
import { oldWhenOfUids } from './oldWhenOfUids';
import { sameEventContent } from './sameEventContent';
import { subscriptionSchema, type ReplaceCounts, type SubscriptionInfo, type SubscriptionState } from './Subscription';
import { unsavedRowSchema } from './unsavedRowSchema';
import { shiftWallClock, wallClockMinutes } from './wallClock';

export interface OpenOptions {
  /** IndexedDB database name; one per profile. */
  dbName?: string;
  /** Clock, for tests. */
  now?: () => number;
}

/** Bump when the shape or meaning of index rows changes: every calendar re-indexes once. */
export const INDEX_VERSION = 3;
/** Stored name of the person's overlay document (synced with the relay's `user/<id>`). */
export const OVERLAY_DOC = 'user/local';
const COMPACT_AFTER_ROWS = 200;
/** Floating and all-day rows are indexed as UTC; a display zone is at most 14 h away. */
const ZONE_PAD = 15 * 3_600_000;
const DEFAULT_COLORS = ['#1a73e8', '#0b8043', '#d50000', '#f4511e', '#8e24aa', '#039be5', '#e67c73', '#616161'];

const overlayCalendarSchema = z.object({
  color: z.string(),
  hidden: z.boolean(),
  order: z.number(),
  name: z.string().optional(),
  /** The calendar every new profile starts with; dropped on first sign-in when it is still empty. */
  auto: z.boolean().optional(),
  /** On the relay (shared with the person, or uploaded): never uploaded again as a local calendar. */
  relay: z.boolean().optional(),
});
export type OverlayCalendar = z.infer<typeof overlayCalendarSchema>;

/** Messages between windows of one profile (BroadcastChannel `tessera:<db>`). */
const broadcastSchema = z.discriminatedUnion('kind', [
  /** A stored update; `outboxId` when it is a local change still waiting for the relay. */
  z.object({ kind: z.literal('update'), docName: z.string(), update: z.custom<Uint8Array>((v) => v instanceof Uint8Array), outboxId: z.number().nullable() }),
  z.object({ kind: z.literal('confirmed'), docName: z.string(), ids: z.array(z.number()) }),
  /** The calendar's documents or binding were replaced: load it again from IndexedDB. */
  z.object({ kind: z.literal('reopen'), calendarId: z.string(), reset: z.boolean() }),
  z.object({ kind: z.literal('unsaved') }),
]);
type Broadcast = z.infer<typeof broadcastSchema>;

const settingsSchemas = {
  displayZone: z.string().nullable(),
  secondZone: z.string().nullable(),
  categories: z.record(z.string(), z.string()),
  view: z.string().nullable(),
} satisfies Record<keyof Settings, z.ZodType>;
const DEFAULT_SETTINGS: Settings = {
  displayZone: null,
  secondZone: null,
  categories: { Blue: '#1a73e8', Green: '#0b8043', Orange: '#f4511e', Red: '#d50000', Purple: '#8e24aa' },
  view: null,
};

/** The store the app opens: what the UI uses, plus what the sync engine needs of it. */
export type ReplicaStoreApi = CalendarStore & ReplicaHost;

export async function openCalendarStore(options: OpenOptions = {}): Promise<ReplicaStoreApi> {
  const store = new ReplicaStore(options.dbName ?? 'tessera', options.now ?? Date.now);
  await store.open();
  return store;
}

function monthStart(ms: number, addMonths = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + addMonths, 1);
}

/** A document stored and synced whole, without an index (the overlay, the inbox). */
interface PlainDoc {
  docName: string;
  doc: Y.Doc;
  pending: PendingUpdate[];
}

/** One undo target: a document of a calendar (`<calendarId>|main` or `|private`). */
const target = (calendarId: string, part: DocPart) => `${calendarId}|${part}`;
const targetCalendar = (t: string) => t.slice(0, t.lastIndexOf('|'));

/**
 * The replica engine: one Yjs document per calendar (two where private events
 * are held apart) plus the person's overlay document, persisted as an update log
 * in IndexedDB, with a derived index of occurrences that the views query by range.
 *
 * Every user action is one Yjs transaction and then one IndexedDB transaction
 * that holds both the update and the index rows it changes, so the index can
 * never disagree with the document on disk. Updates from the relay take the same
 * path (see ReplicaHost), and local ones also get an outbox row in that
 * transaction, so "waiting to sync" is as durable as the change itself.
 */
class ReplicaStore implements CalendarStore, ReplicaHost {
  readonly overlayDocName = OVERLAY_DOC;
  readonly overlayDoc = new Y.Doc();
  private readonly db: TesseraDb;
  private readonly channel: BroadcastChannel;
  private readonly plainDocs = new Map<string, PlainDoc>();
  private readonly plainOpening = new Map<string, Promise<Y.Doc>>();
  private readonly replicas = new Map<string, CalendarReplica>();
  private readonly generations = new Map<string, number>();
  private readonly metas = new Map<string, IndexMetaRow>();
  private readonly listeners = new Set<() => void>();
  private readonly problems: string[] = [];
  private readonly rowsSinceCompaction = new Map<string, number>();
  /** docName -> outbox ids of local changes whose content this window's document holds. */
  private readonly outboxSeen = new Map<string, Set<number>>();
  private readonly remoteOrigins = new WeakSet<object>();
  /** Calendars this window is removing on purpose (no unsaved-change rescue needed). */
  private readonly forgetting = new Set<string>();
  private beforeForget: ((calendarId: string) => Promise<void>) | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private undoStack: string[][] = [];
  private redoStack: string[][] = [];
  private undoing = false;
  private step: Set<string> | null = null;
  private closed = false;

  constructor(
    readonly dbName: string,
    private readonly now: () => number,
  ) {
    this.db = new TesseraDb(dbName);
    this.channel = new BroadcastChannel(`tessera:${dbName}`);
  }

  async open(): Promise<void> {
    const early: MessageEvent[] = [];
    this.channel.onmessage = (e) => early.push(e);
    await this.db.open();
    const overlay = await this.loadPlain(OVERLAY_DOC, this.overlayDoc);
    this.plainDocs.set(OVERLAY_DOC, overlay);
    this.overlayDoc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === ORIGIN_LOAD) return;
      void this.schedule(() => this.reconcile()).then(() => this.scheduleFlush());
    });
    if (this.overlayCalendars().length === 0) {
      await this.createCalendarNow('Calendar', DEFAULT_COLORS[0]!, true);
    }
    await this.reconcile();
    this.channel.onmessage = (e) => this.onBroadcast(e);
    for (const e of early) this.onBroadcast(e);
    await this.scheduleFlush();
    setTimeout(() => void this.compactLarge(), 1_000);
  }

  /** Origins whose changes are not the person's: loading, other windows, the relay. */
  private isLocalOrigin = (origin: unknown): boolean => {
    if (origin === ORIGIN_LOAD || origin === ORIGIN_OTHER_WINDOW || origin === ORIGIN_REMOTE) return false;
    return !(typeof origin === 'object' && origin !== null && this.remoteOrigins.has(origin));
  };

  /**
   * Loads a stored document. Outbox ids are read before the rows: a change
   * committed in between then arrives by broadcast with its id, so the ids this
   * window counts as held never run ahead of the content it holds.
   */
  private async loadInto(docName: string, doc: Y.Doc): Promise<void> {
    const ids = await this.db.outbox.where('docName').equals(docName).primaryKeys();
    const seen = this.outboxSeen.get(docName) ?? new Set<number>();
    for (const id of ids) seen.add(id);
    this.outboxSeen.set(docName, seen);
    const loaded = await loadDoc(this.db, docName, doc);
    this.problems.push(...loaded.problems);
    this.rowsSinceCompaction.set(docName, loaded.rows);
  }

  private async loadPlain(docName: string, doc: Y.Doc): Promise<PlainDoc> {
    const plain: PlainDoc = { docName, doc, pending: [] };
    await this.loadInto(docName, doc);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== ORIGIN_LOAD && origin !== ORIGIN_OTHER_WINDOW) plain.pending.push({ docName, update, local: this.isLocalOrigin(origin), clientId: doc.clientID });
    });
    return plain;
  }

  async openPlainDoc(docName: string): Promise<Y.Doc> {
    const existing = this.plainDocs.get(docName);
    if (existing) return existing.doc;
    let opening = this.plainOpening.get(docName);
    if (!opening) {
      opening = (async () => {
        const doc = new Y.Doc();
        const plain = await this.loadPlain(docName, doc);
        this.plainDocs.set(docName, plain);
        doc.on('afterTransaction', (tr: Y.Transaction) => {
          if (tr.origin === ORIGIN_LOAD) return;
          void this.scheduleFlush();
          this.notify();
        });
        return doc;
      })();
      this.plainOpening.set(docName, opening);
    }
    return opening;
  }

  markRemoteOrigin(origin: object): void {
    this.remoteOrigins.add(origin);
  }

  // ---- reading -------------------------------------------------------------

  calendars(): CalendarInfo[] {
    return this.overlayCalendars()
      .filter(([id]) => this.replicas.has(id))
      .map(([id, c]) => ({ id, name: this.calendarName(id), color: c.color, hidden: c.hidden, ...(this.isSubscribed(id) ? { subscribed: true } : {}) }));
  }

  calendarIds(): string[] {
    return this.calendars().map((c) => c.id);
  }

  overlayCalendarIds(): string[] {
    return this.overlayCalendars().map(([id]) => id);
  }

  calendarName(calendarId: string): string {
    const replica = this.replicas.get(calendarId);
    const stored = replica?.loaded ? replica.storedName() : null;
    return stored ?? this.cachedName(calendarId) ?? 'Calendar';
  }

  settings(): Settings {
    const map = this.overlayDoc.getMap<string>('settings');
    const out = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(settingsSchemas) as (keyof Settings)[]) {
      const raw = map.get(key);
      if (raw === undefined) continue;
      try {
        const parsed = settingsSchemas[key].safeParse(JSON.parse(raw));
        if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
      } catch {
        // A damaged setting falls back to its default rather than blocking the app.
      }
    }
    return out;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async loaded(): Promise<void> {
    await Promise.allSettled([...this.replicas.values()].map((r) => r.ready));
  }

  loadProblems(): string[] {
    return [...this.problems];
  }

  private displayZone(): string {
    return this.settings().displayZone ?? systemZone();
  }

  async queryRange(fromMs: number, toMs: number, calendarIds: readonly string[]): Promise<OccurrenceRow[]> {
    const ids = calendarIds.filter((id) => this.replicas.has(id));
    for (const id of ids) await this.ensureMaterialised(id, fromMs - ZONE_PAD, toMs + ZONE_PAD);
    const zone = this.displayZone();
    const firstDay = Math.floor((fromMs - ZONE_PAD) / DAY_MS);
    const lastDay = Math.floor((toMs + ZONE_PAD) / DAY_MS);
    const out: OccurrenceRow[] = [];
    const damaged = new Set<string>();
    const read = await this.readBuckets(ids, firstDay, lastDay);
    for (const [i, id] of ids.entries()) {
      const [long, days] = read[i]!;
      const buckets = [long, ...days];
      // A multi-day event sits in every day it touches; report it once.
      const seen = new Set<string>();
      for (const bucket of buckets) {
        if (bucket === undefined) continue;
        if (!Array.isArray(bucket.rows)) {
          damaged.add(id);
          continue;
        }
        for (const row of bucket.rows) {
          if (!isIndexRow(row)) {
            damaged.add(id);
            continue;
          }
          // Only a row spanning UTC days sits in more than one bucket (daysOfRow).
          if (Math.floor(row.startMs / DAY_MS) !== Math.floor(Math.max(row.startMs, row.endMs - 1) / DAY_MS)) {
            if (seen.has(row.rowId)) continue;
            seen.add(row.rowId);
          }
          const placed = row.floating ? { ...row, startMs: localToEpoch(row.start, null, zone), endMs: localToEpoch(row.end, null, zone) } : row;
          const overlaps = placed.startMs < toMs && (placed.endMs > fromMs || (placed.endMs === placed.startMs && placed.startMs >= fromMs));
          if (overlaps) out.push(placed);
        }
      }
    }
    for (const id of damaged) {
      this.problems.push('Some saved index entries were damaged; the calendar was re-indexed from its data.');
      await this.replicas.get(id)!.ready;
      await this.schedule(() => this.rebuildIndex(this.replicas.get(id)!));
    }
    out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
    return out;
  }

  /**
   * The day records of a range, for each calendar with its long-event record, in
   * one native read-only transaction with every request issued at once (each is
   * a round trip to the browser process), answered as soon as the last request
   * succeeds rather than when the transaction commits: in the replica benchmark
   * (a week of 2,900-4,700 rows) waiting for the commit, as Dexie's transaction
   * promise does, added about 5 ms to the week query.
   */
  private async readBuckets(ids: readonly string[], firstDay: number, lastDay: number): Promise<[DayBucket | undefined, DayBucket[]][]> {
    if (ids.length === 0) return [];
    // Dexie reopens by itself after a version change elsewhere; the native handle does not.
    if (!this.db.isOpen()) await this.db.open();
    return new Promise((resolve, reject) => {
      const tx = this.db.backendDB().transaction('days', 'readonly');
      const store = tx.objectStore('days');
      const out: [DayBucket | undefined, DayBucket[]][] = ids.map(() => [undefined, []]);
      let pending = ids.length * 2;
      const done = () => {
        if (--pending === 0) resolve(out);
      };
      ids.forEach((id, i) => {
        const long = store.get([id, LONG_BUCKET]);
        long.onsuccess = () => {
          out[i]![0] = long.result as DayBucket | undefined;
          done();
        };
        const days = store.getAll(IDBKeyRange.bound([id, firstDay], [id, lastDay]));
        days.onsuccess = () => {
          out[i]![1] = days.result as DayBucket[];
          done();
        };
      });
      tx.onerror = () => reject(tx.error ?? new Error('The calendar index could not be read'));
      tx.onabort = () => reject(tx.error ?? new Error('Reading the calendar index was aborted'));
    });
  }

  async getEvent(calendarId: string, uid: string, recurrenceId: string | null = null): Promise<CalendarEvent | null> {
    const replica = this.replicas.get(calendarId);
    if (!replica) return null;
    await replica.ready;
    const master = replica.master(uid);
    if (recurrenceId === null) return master;
    const override = replica.read(eventKey(uid, recurrenceId));
    if (override) return override;
    if (!master) return null;
    // An unchanged occurrence is the master at this occurrence's time.
    const duration = wallClockMinutes(master.when.start, master.when.end);
    return { ...master, recurrenceId, when: { ...master.when, start: recurrenceId, end: shiftWallClock(recurrenceId, duration) } };
  }

  // ---- writing events ------------------------------------------------------

  async createEvent(calendarId: string, input: EventInput): Promise<string> {
    assertValidEvent(input);
    const uid = crypto.randomUUID();
    await this.applyPlan(calendarId, new Map([[uid, { when: input.when, what: input.what, who: input.who ?? { organizer: null, attendees: [] }, rem: input.reminders }]]));
    return uid;
  }

  async updateEvent(calendarId: string, uid: string, recurrenceId: string | null, input: EventInput, scope: EditScope): Promise<void> {
    assertValidEvent(input);
    const replica = await this.writableReplica(calendarId);
    const master = replica.master(uid);
    if (!master) throw new Error('This event no longer exists; it may have been deleted in another window.');
    await this.applyPlan(calendarId, planUpdate({ master, overrides: replica.overrides(uid) }, recurrenceId, input, scope, () => crypto.randomUUID()));
  }

  async deleteEvent(calendarId: string, uid: string, recurrenceId: string | null, scope: EditScope): Promise<void> {
    const replica = await this.writableReplica(calendarId);
    const master = replica.master(uid);
    if (!master) {
      // Only a changed occurrence is left (its series was deleted elsewhere): remove what is there.
      await this.applyPlan(calendarId, new Map(replica.keysOf(uid).map((k) => [k, null])));
      return;
    }
    await this.applyPlan(calendarId, planDelete({ master, overrides: replica.overrides(uid) }, recurrenceId, scope));
  }

  async moveToCalendar(fromCalendarId: string, uid: string, toCalendarId: string): Promise<void> {
    if (fromCalendarId === toCalendarId) return;
    const from = await this.writableReplica(fromCalendarId);
    const to = await this.writableReplica(toCalendarId);
    const entries = from.keysOf(uid).map((key) => [key, from.read(key)] as const);
    this.asOneStep(() => {
      to.write(
        entries.filter((e): e is readonly [string, CalendarEvent] => e[1] !== null).map(([key, ev]) => [key, { when: ev.when, what: ev.what, who: ev.who, rem: ev.reminders }]),
        ORIGIN_LOCAL,
      );
      from.write(entries.map(([key]) => [key, null]), ORIGIN_LOCAL);
    });
    await this.scheduleFlush();
  }

  private async applyPlan(calendarId: string, plan: EditPlan): Promise<void> {
    const replica = await this.writableReplica(calendarId);
    // One action may write both documents of a calendar: one undo step.
    this.asOneStep(() => replica.write(plan as Map<string, Partial<EventGroups> | null>, ORIGIN_LOCAL));
    await this.scheduleFlush();
  }

  private async loadedOrThrow(calendarId: string): Promise<CalendarReplica> {
    const replica = this.replicas.get(calendarId);
    if (!replica) throw new Error('That calendar is not on this device any more.');
    await replica.ready;
    return replica;
  }

  /** The replica, if this device may change it; else a CalendarReadOnlyError naming the level. */
  private async writableReplica(calendarId: string): Promise<CalendarReplica> {
    const replica = await this.loadedOrThrow(calendarId);
    if (!replica.writable || this.isSubscribed(calendarId)) throw new CalendarReadOnlyError(calendarId, this.calendarName(calendarId), replica.binding, this.isSubscribed(calendarId));
    return replica;
  }

  // ---- export and subscriptions ---------------------------------------------

  async exportEvents(calendarId: string, range?: { fromMs: number; toMs: number }): Promise<CalendarEvent[]> {
    const replica = await this.loadedOrThrow(calendarId);
    // A range is answered from the index (it knows which series touch it), then read whole from the document.
    const uids = range ? new Set((await this.queryRange(range.fromMs, range.toMs, [calendarId])).map((r) => r.uid)) : null;
    const keys = uids ? [...uids].flatMap((uid) => replica.keysOf(uid)) : replica.keys();
    return keys.map((key) => replica.read(key)).filter((ev): ev is CalendarEvent => ev !== null);
  }

  private isSubscribed(calendarId: string): boolean {
    return this.overlayDoc.getMap<string>('subscriptions').has(calendarId);
  }

  subscriptions(): SubscriptionInfo[] {
    const out: SubscriptionInfo[] = [];
    for (const [calendarId, raw] of this.overlayDoc.getMap<string>('subscriptions')) {
      try {
        const parsed = subscriptionSchema.safeParse(JSON.parse(raw));
        if (parsed.success && this.replicas.has(calendarId)) out.push({ ...parsed.data, calendarId });
      } catch {
        // A damaged entry: that calendar stays as it is, just not refreshed.
      }
    }
    return out;
  }

  async createSubscription(name: string, color: string, url: string, intervalMinutes: number): Promise<string> {
    const state = subscriptionSchema.parse({ url, intervalMinutes });
    const id = await this.createCalendarNow(name, color, false);
    this.overlayDoc.transact(() => this.overlayDoc.getMap<string>('subscriptions').set(id, JSON.stringify(state)), ORIGIN_LOCAL);
    await this.schedule(() => this.reconcile());
    await this.scheduleFlush();
    return id;
  }

  async updateSubscription(calendarId: string, patch: Partial<SubscriptionState>): Promise<void> {
    const current = this.subscriptions().find((s) => s.calendarId === calendarId);
    if (!current) return;
    // The schema is not strict: the calendarId beside the state is dropped here.
    const next = subscriptionSchema.parse({ ...current, ...patch });
    this.overlayDoc.transact(() => this.overlayDoc.getMap<string>('subscriptions').set(calendarId, JSON.stringify(next)), ORIGIN_LOCAL);
    await this.scheduleFlush();
    this.notify();
  }

  async replaceSubscribedEvents(calendarId: string, events: readonly CalendarEvent[]): Promise<ReplaceCounts> {
    if (!this.isSubscribed(calendarId)) throw new Error('This calendar is not a subscription.');
    const replica = await this.loadedOrThrow(calendarId);
    const counts: ReplaceCounts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
    const plan = new Map<string, Partial<EventGroups> | null>();
    for (const ev of events) {
      const key = eventKey(ev.uid, ev.recurrenceId);
      const current = replica.read(key);
      if (current && sameEventContent(current, ev)) counts.unchanged += 1;
      else {
        counts[current ? 'updated' : 'created'] += 1;
        plan.set(key, { when: ev.when, what: ev.what, who: ev.who, rem: ev.reminders });
      }
    }
    const kept = new Set(events.map((ev) => eventKey(ev.uid, ev.recurrenceId)));
    for (const key of replica.keys()) {
      if (kept.has(key)) continue;
      counts.deleted += 1;
      plan.set(key, null);
    }
    // Not the person's action: saved and synced like one, but never on the undo stack.
    if (plan.size > 0) replica.write(plan, ORIGIN_MIGRATE);
    await this.scheduleFlush();
    return counts;
  }

  async importEvents(calendarId: string, events: readonly CalendarEvent[]): Promise<{ created: number; updated: number; unchanged: number }> {
    const replica = await this.writableReplica(calendarId);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const plan = new Map<string, Partial<EventGroups> | null>();
    const uids = new Set<string>();
    const imported = new Set<string>();
    for (const ev of events) {
      const key = eventKey(ev.uid, ev.recurrenceId);
      uids.add(ev.uid);
      imported.add(key);
      const current = replica.read(key);
      if (current && sameEventContent(current, ev)) counts.unchanged += 1;
      else {
        counts[current ? 'updated' : 'created'] += 1;
        plan.set(key, { when: ev.when, what: ev.what, who: ev.who, rem: ev.reminders });
      }
    }
    // A re-imported series brings its whole set of changed occurrences: ones it no longer has go.
    for (const uid of uids) for (const key of replica.keysOf(uid)) if (!imported.has(key)) plan.set(key, null);
    // One Yjs transaction and one IndexedDB flush for the whole import, so it is one undo
    // step (the undo managers never merge transactions: captureTimeout 0).
    if (plan.size > 0) this.asOneStep(() => replica.write(plan, ORIGIN_LOCAL));
    await this.scheduleFlush();
    return counts;
  }

  async loadedReplica(calendarId: string): Promise<CalendarReplica | null> {
    const replica = this.replicas.get(calendarId);
    if (!replica) return null;
    await replica.ready;
    // A replica replaced while loading: hand out the current one.
    return this.replicas.get(calendarId) === replica ? replica : this.loadedReplica(calendarId);
  }

  binding(calendarId: string): ReplicaBinding | null {
    return this.replicas.get(calendarId)?.binding ?? null;
  }

  generation(calendarId: string): number {
    return this.generations.get(calendarId) ?? 0;
  }

  // ---- undo ----------------------------------------------------------------

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  async undo(): Promise<void> {
    await this.replay(this.undoStack, this.redoStack, (m) => m.undo());
  }

  async redo(): Promise<void> {
    await this.replay(this.redoStack, this.undoStack, (m) => m.redo());
  }

  private async replay(from: string[][], to: string[][], run: (m: Y.UndoManager) => void): Promise<void> {
    const step = from.pop();
    if (!step) return;
    this.undoing = true;
    try {
      for (const t of [...step].reverse()) {
        const replica = this.replicas.get(targetCalendar(t));
        if (!replica?.writable) continue;
        const manager = replica.undoManager(t.endsWith('|private') ? 'private' : 'main');
        if (manager) run(manager);
      }
    } finally {
      this.undoing = false;
    }
    to.push(step);
    await this.scheduleFlush();
  }

  /** Runs synchronous writes as one undo step, whichever documents they touch. */
  private asOneStep(fn: () => void): void {
    this.step = new Set();
    try {
      fn();
    } finally {
      const targets = [...this.step];
      this.step = null;
      if (targets.length > 0) {
        this.undoStack.push(targets);
        this.redoStack = [];
      }
    }
  }

  private onUndoItem(undoTarget: string, type: 'undo' | 'redo'): void {
    // Items added while undoing or redoing are the inverse steps Yjs keeps for
    // itself; only fresh edits start a new step.
    if (this.undoing || type !== 'undo') return;
    if (this.step) {
      this.step.add(undoTarget);
      return;
    }
    this.undoStack.push([undoTarget]);
    this.redoStack = [];
  }

  /** Undo history of a calendar whose documents were replaced refers to items that are gone. */
  private dropUndoOf(calendarId: string): void {
    const keep = (s: string[]) => !s.some((t) => targetCalendar(t) === calendarId);
    this.undoStack = this.undoStack.filter(keep);
    this.redoStack = this.redoStack.filter(keep);
  }

  // ---- calendars and settings ---------------------------------------------

  private overlayCalendars(): [string, OverlayCalendar][] {
    const out: [string, OverlayCalendar][] = [];
    for (const [id, raw] of this.overlayDoc.getMap<string>('calendars')) {
      try {
        const parsed = overlayCalendarSchema.safeParse(JSON.parse(raw));
        if (parsed.success) out.push([id, parsed.data]);
      } catch {
        // Skipped: a damaged entry must not hide every other calendar.
      }
    }
    return out.sort((a, b) => a[1].order - b[1].order);
  }

  /** The overlay's entry for a calendar (colour, hidden, cached name), if listed. */
  overlayEntry(calendarId: string): OverlayCalendar | null {
    return this.overlayCalendars().find(([id]) => id === calendarId)?.[1] ?? null;
  }

  async createCalendar(name: string, color: string): Promise<string> {
    const id = await this.createCalendarNow(name, color, false);
    await this.schedule(() => this.reconcile());
    await this.scheduleFlush();
    return id;
  }

  private async createCalendarNow(name: string, color: string, auto: boolean): Promise<string> {
    const clean = name.trim();
    if (!clean) throw new Error('A calendar needs a name.');
    if (clean.length > 200) throw new Error('A calendar name can be at most 200 characters.');
    const id = crypto.randomUUID();
    const replica = await this.openReplica(id);
    await replica.ready;
    replica.doc.transact(() => replica.doc.getMap('meta').set('name', clean), ORIGIN_LOCAL);
    const order = this.overlayCalendars().reduce((m, [, c]) => Math.max(m, c.order + 1), 0);
    const entry: OverlayCalendar = { color, hidden: false, order, name: clean, ...(auto ? { auto: true } : {}) };
    this.overlayDoc.transact(() => this.overlayDoc.getMap<string>('calendars').set(id, JSON.stringify(entry)), ORIGIN_LOCAL);
    await this.scheduleFlush();
    return id;
  }

  async addCalendar(calendarId: string, name: string, binding: ReplicaBinding): Promise<void> {
    await this.db.bindings.put(binding);
    const existing = this.overlayEntry(calendarId);
    if (existing) {
      await this.rebind(calendarId, binding);
      return;
    }
    const calendars = this.overlayCalendars();
    const order = calendars.reduce((m, [, c]) => Math.max(m, c.order + 1), 0);
    const entry: OverlayCalendar = { color: DEFAULT_COLORS[calendars.length % DEFAULT_COLORS.length]!, hidden: false, order, name, relay: true };
    this.overlayDoc.transact(() => this.overlayDoc.getMap<string>('calendars').set(calendarId, JSON.stringify(entry)), ORIGIN_LOCAL);
    await this.schedule(() => this.reconcile());
    await this.scheduleFlush();
  }

  async markOnRelay(calendarId: string): Promise<void> {
    const current = this.overlayEntry(calendarId);
    if (!current || current.relay) return;
    const next: OverlayCalendar = { ...current, relay: true };
    this.overlayDoc.transact(() => this.overlayDoc.getMap<string>('calendars').set(calendarId, JSON.stringify(next)), ORIGIN_LOCAL);
    await this.scheduleFlush();
  }

  async updateCalendar(id: string, patch: Partial<Omit<CalendarInfo, 'id'>>): Promise<void> {
    const replica = await this.loadedOrThrow(id);
    const name = patch.name?.trim();
    if (name !== undefined && name !== this.calendarName(id)) {
      if (!name) throw new Error('A calendar needs a name.');
      // The name lives in the owner's document; anyone else writing it would be refused by the relay.
      if (replica.binding.level !== 'owner' || !replica.writable) throw new Error(`Only the owner of “${this.calendarName(id)}” can rename it.`);
      replica.doc.transact(() => replica.doc.getMap('meta').set('name', name), ORIGIN_LOCAL);
    }
    const current = this.overlayEntry(id);
    if (current && (patch.color !== undefined || patch.hidden !== undefined || name !== undefined)) {
      const next: OverlayCalendar = { ...current, color: patch.color ?? current.color, hidden: patch.hidden ?? current.hidden, name: name ?? current.name };
      // A calendar the person touched is theirs to keep, even while empty.
      delete next.auto;
      this.overlayDoc.transact(() => this.overlayDoc.getMap<string>('calendars').set(id, JSON.stringify(next)), ORIGIN_LOCAL);
    }
    await this.scheduleFlush();
    this.notify();
  }

  async deleteCalendar(id: string): Promise<void> {
    if (this.overlayCalendars().length <= 1) throw new Error('Tessera needs at least one calendar; create another before deleting this one.');
    await this.forgetCalendar(id);
  }

  async forgetCalendar(calendarId: string): Promise<void> {
    this.forgetting.add(calendarId);
    try {
      this.overlayDoc.transact(() => {
        this.overlayDoc.getMap<string>('calendars').delete(calendarId);
        this.overlayDoc.getMap<string>('subscriptions').delete(calendarId);
      }, ORIGIN_LOCAL);
      await this.scheduleFlush();
      await this.schedule(() => this.reconcile());
    } finally {
      this.forgetting.delete(calendarId);
    }
    this.notify();
  }

  setBeforeForget(hook: ((calendarId: string) => Promise<void>) | null): void {
    this.beforeForget = hook;
  }

  async updateSettings(patch: Partial<Settings>): Promise<void> {
    const map = this.overlayDoc.getMap<string>('settings');
    this.overlayDoc.transact(() => {
      for (const [key, value] of Object.entries(patch)) map.set(key, JSON.stringify(value));
    }, ORIGIN_LOCAL);
    await this.scheduleFlush();
    this.notify();
  }

  /** Opens calendars the overlay lists and closes (and deletes locally) the ones it no longer does. */
  private async reconcile(): Promise<void> {
    const wanted = new Set(this.overlayCalendars().map(([id]) => id));
    for (const id of wanted) if (!this.replicas.has(id)) await this.openReplica(id);
    for (const [id, replica] of [...this.replicas]) {
      if (wanted.has(id)) continue;
      // Removed elsewhere (another device, or the relay revoked it): keep what the
      // person changed here and the relay never confirmed before it goes.
      if (!this.forgetting.has(id) && this.beforeForget) {
        try {
          await replica.ready;
          await this.flush();
          await this.beforeForget(id);
        } catch (err) {
          console.warn('Could not keep unsaved changes of a removed calendar:', err);
        }
      }
      replica.destroy();
      this.replicas.delete(id);
      this.bumpGeneration(id);
      this.metas.delete(id);
      this.dropUndoOf(id);
      await this.purge(id, new Set(), true);
      await this.db.bindings.delete(id);
    }
    this.notify();
  }

  /**
   * Deletes the stored documents of a calendar except `keep`, with their outbox
   * and sync state, and (when `index`) its derived index, in one transaction.
   */
  private async purge(calendarId: string, keep: ReadonlySet<string>, index: boolean): Promise<void> {
    const prefix = calendarDocPrefix(calendarId);
    const dropped = (docName: string) => !keep.has(docName);
    await this.db.transaction('rw', [this.db.updates, this.db.outbox, this.db.syncState, this.db.days, this.db.indexMeta], async () => {
      await this.db.updates.where('docName').startsWith(prefix).filter((r) => dropped(r.docName)).delete();
      await this.db.outbox.where('docName').startsWith(prefix).filter((r) => dropped(r.docName)).delete();
      await this.db.syncState.where('docName').startsWith(prefix).filter((r) => dropped(r.docName)).delete();
      if (index) {
        await this.db.days.where('[calendarId+day]').between([calendarId, Dexie.minKey], [calendarId, Dexie.maxKey]).delete();
        await this.db.indexMeta.delete(calendarId);
      }
    });
    for (const docName of [...this.outboxSeen.keys()]) if (docName.startsWith(prefix) && dropped(docName)) this.outboxSeen.delete(docName);
    for (const docName of [...this.rowsSinceCompaction.keys()]) if (docName.startsWith(prefix) && dropped(docName)) this.rowsSinceCompaction.delete(docName);
  }

  async rebind(calendarId: string, binding: ReplicaBinding): Promise<void> {
    await this.schedule(async () => {
      const current = this.replicas.get(calendarId);
      const stored = await this.storedBinding(calendarId);
      if (current && sameBinding(current.binding, binding) && stored && sameBinding(stored, binding)) return;
      await this.flush();
      const keep = new Set(docNamesOf(binding));
      const previousMain = current ? current.docName : stored ? mainDocName(stored) : null;
      await this.purge(calendarId, keep, previousMain !== mainDocName(binding));
      await this.db.bindings.put(binding);
      await this.reopen(calendarId, false);
      this.post({ kind: 'reopen', calendarId, reset: false });
    });
    this.notify();
  }

  async resetCalendar(calendarId: string, binding: ReplicaBinding, states: ReadonlyMap<string, Uint8Array>): Promise<void> {
    await this.schedule(async () => {
      await this.flush();
      await this.purge(calendarId, new Set(), true);
      const at = this.now();
      await this.db.transaction('rw', [this.db.updates, this.db.syncState, this.db.bindings], async () => {
        for (const [docName, update] of states) {
          await this.db.updates.add({ docName, update, sum: checksum(update) });
          await this.db.syncState.put({ docName, confirmedSv: Y.encodeStateVectorFromUpdate(update), lastSyncedAt: at, localClients: [] });
        }
        await this.db.bindings.put(binding);
      });
      await this.reopen(calendarId, true);
      this.post({ kind: 'reopen', calendarId, reset: true });
    });
    this.notify();
  }

  /** Replaces a calendar's replica by one loaded from IndexedDB (new documents, new client ids). Call inside schedule. */
  private async reopen(calendarId: string, reset: boolean): Promise<void> {
    const old = this.replicas.get(calendarId);
    const stored = await this.storedBinding(calendarId);
    if (!reset && old && stored && docNamesOf(stored).join() === docNamesOf(old.binding).join()) {
      // Same documents (e.g. a local calendar now on the relay, a level change
      // within full): the open documents stay, only the binding changes.
      old.binding = stored;
      return;
    }
    if (old) {
      old.destroy();
      this.replicas.delete(calendarId);
      this.metas.delete(calendarId);
      for (const { docName } of old.docs()) this.outboxSeen.delete(docName);
    }
    this.dropUndoOf(calendarId);
    if (this.overlayEntry(calendarId)) await this.openReplica(calendarId);
    else this.bumpGeneration(calendarId);
  }

  private async storedBinding(calendarId: string): Promise<ReplicaBinding | null> {
    const raw: unknown = await this.db.bindings.get(calendarId);
    if (raw === undefined) return null;
    const parsed = replicaBindingSchema.safeParse(raw);
    return parsed.success && parsed.data.calendarId === calendarId ? parsed.data : null;
  }

  private bumpGeneration(calendarId: string): void {
    this.generations.set(calendarId, this.generation(calendarId) + 1);
  }

  /**
   * Registers a calendar and starts loading its documents. When its index is
   * already on disk the views are served from it at once and the document (which
   * for a 50,000-event calendar takes most of a second to decode) loads behind
   * them; reads and writes that need it wait for `replica.ready`.
   */
  private async openReplica(id: string): Promise<CalendarReplica> {
    const binding = (await this.storedBinding(id)) ?? localBinding(id);
    const replica = new CalendarReplica(
      binding,
      (_r, origin) => {
        if (origin !== ORIGIN_LOAD) void this.scheduleFlush();
      },
      this.isLocalOrigin,
    );
    this.replicas.set(id, replica);
    this.bumpGeneration(id);
    replica.undo.on('stack-item-added', (e: { type: 'undo' | 'redo' }) => this.onUndoItem(target(id, 'main'), e.type));
    replica.privateUndo?.on('stack-item-added', (e: { type: 'undo' | 'redo' }) => this.onUndoItem(target(id, 'private'), e.type));
    const hydrate = async () => {
      for (const { docName, doc } of replica.docs()) await this.loadInto(docName, doc);
      replica.attach();
      // Private events written before this device held `private` (a local
      // calendar from before syncing) move there before anything is uploaded.
      if (replica.writable) replica.splitPrivateEvents();
      if (this.problems.length > 0 || replica.storedName() !== this.cachedName(id)) this.notify();
    };
    const meta = await this.db.indexMeta.get(id);
    if (meta && meta.version === INDEX_VERSION && Array.isArray(meta.ranges)) {
      this.metas.set(id, meta);
      // Decoding a large document holds the main thread for most of a second; start
      // it once the first views have been drawn from the index, not before.
      replica.ready = whenIdle().then(hydrate);
    } else {
      replica.ready = hydrate();
      await replica.ready;
      await this.rebuildIndex(replica);
    }
    replica.ready.catch((err: unknown) => {
      this.problems.push(`Calendar could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
      this.notify();
    });
    return replica;
  }

  /** The calendar name last written to the overlay, shown while its document loads. */
  private cachedName(id: string): string | undefined {
    return this.overlayEntry(id)?.name;
  }

  // ---- the derived index ----------------------------------------------------

  /** Months around now whose series occurrences are indexed up front; others on first view. */
  private initialRanges(): [number, number][] {
    const now = this.now();
    return [[monthStart(now, -3), monthStart(now, 7)]];
  }

  /** Re-derives every index row of one calendar from its document, in one transaction. */
  async rebuildIndex(replica: CalendarReplica): Promise<void> {
    const ranges = this.initialRanges();
    const rows: IndexRow[] = [];
    for (const uid of replica.uids()) rows.push(...this.rowsOf(replica, uid, ranges));
    const id = replica.calendarId;
    const buckets: DayBucket[] = [...groupByDay(rows)].map(([day, list]) => ({ calendarId: id, day, rows: list }));
    const meta: IndexMetaRow = { calendarId: id, version: INDEX_VERSION, ranges };
    await this.db.transaction('rw', this.db.days, this.db.indexMeta, async () => {
      await this.db.days.where('[calendarId+day]').between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
      await this.db.days.bulkPut(buckets);
      await this.db.indexMeta.put(meta);
    });
    this.metas.set(id, meta);
  }
  /** Index rows of one UID: the event, or its series' occurrences inside the ranges. */
  private rowsOf(replica: CalendarReplica, uid: string, ranges: readonly [number, number][], state = replica.seriesForIndex(uid)): IndexRow[] {
    const { master, overrides } = state;
    if (!master) return [];
    try {
      const isSeries = master.when.rrule !== null || master.when.rdates.length > 0;
      if (!isSeries) return buildRows(replica.calendarId, master, overrides, { fromMs: 0, toMs: 0 });
      const rows = new Map<string, IndexRow>();
      for (const [fromMs, toMs] of ranges) for (const row of buildRows(replica.calendarId, master, overrides, { fromMs, toMs })) rows.set(row.rowId, row);
      return [...rows.values()];
    } catch (err) {
      // One event that cannot be placed (say, a zone this system lacks) must not
      // keep the rest of the calendar out of the index.
      const message = `"${master.what.title || uid}" could not be shown: ${err instanceof Error ? err.message : String(err)}`;
      if (!this.problems.includes(message)) this.problems.push(message);
      return [];
    }
  }

  /** Materialises series occurrences for months the index does not cover yet. */
  private async ensureMaterialised(calendarId: string, fromMs: number, toMs: number): Promise<void> {
    const needed = (meta: IndexMetaRow | undefined) => (meta ? missingRanges(meta.ranges, monthStart(fromMs), monthStart(toMs, 1)) : []);
    if (needed(this.metas.get(calendarId)).length === 0) return;
    await this.replicas.get(calendarId)?.ready;
    await this.schedule(async () => {
      const replica = this.replicas.get(calendarId);
      const stored = await this.db.indexMeta.get(calendarId);
      const current = stored && stored.version === INDEX_VERSION ? stored : this.metas.get(calendarId);
      const gaps = needed(current);
      if (!replica || !current || gaps.length === 0) {
        if (current) this.metas.set(calendarId, current);
        return;
      }
      const rows: IndexRow[] = [];
      const whenMap = replica.doc.getMap<string>('when');
      for (const uid of replica.uids()) {
        const raw = whenMap.get(uid) ?? '';
        // Cheap test on the stored JSON: only series gain rows in new months.
        if (!raw.includes('"rrule":"') && raw.includes('"rdates":[]')) continue;
        rows.push(...this.rowsOf(replica, uid, gaps));
      }
      let ranges = current.ranges;
      for (const [a, b] of gaps) ranges = addRange(ranges, a, b);
      const next: IndexMetaRow = { ...current, ranges };
      await this.db.transaction('rw', this.db.days, this.db.indexMeta, async () => {
        await this.mergeIntoBuckets(calendarId, groupByDay(rows), new Set());
        await this.db.indexMeta.put(next);
      });
      this.metas.set(calendarId, next);
    });
  }

  /**
   * Rewrites the given day buckets: drops rows of `replacedUids`, then adds `rows`
   * (a row already there under the same id is replaced). Call inside a transaction.
   */
  private async mergeIntoBuckets(calendarId: string, byDay: Map<number, IndexRow[]>, replacedUids: ReadonlySet<string>, extraDays: Iterable<number> = []): Promise<void> {
    const days = [...new Set([...byDay.keys(), ...extraDays])];
    if (days.length === 0) return;
    const existing = await this.db.days.bulkGet(days.map((d) => [calendarId, d] as [string, number]));
    const puts: DayBucket[] = [];
    const deletes: [string, number][] = [];
    days.forEach((day, i) => {
      const merged = new Map<string, IndexRow>();
      for (const row of existing[i]?.rows ?? []) if (!replacedUids.has(row.uid)) merged.set(row.rowId, row);
      for (const row of byDay.get(day) ?? []) merged.set(row.rowId, row);
      if (merged.size === 0) deletes.push([calendarId, day]);
      else puts.push({ calendarId, day, rows: [...merged.values()] });
    });
    if (puts.length > 0) await this.db.days.bulkPut(puts);
    if (deletes.length > 0) await this.db.days.bulkDelete(deletes);
  }

  // ---- persistence -----------------------------------------------------------

  /** Runs tasks one after another, so index writes never interleave. */
  private schedule<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Coalesces all changes made in this tick into one IndexedDB transaction. */
  private scheduleFlush(): Promise<void> {
    if (this.queued) return this.queued;
    const queued = this.schedule(async () => {
      this.queued = null;
      await this.flush();
    });
    this.queued = queued;
    return queued;
  }

  private async flush(): Promise<void> {
    if (this.closed) return;
    const writes: PendingUpdate[] = [];
    const plainTaken = new Map<PlainDoc, PendingUpdate[]>();
    for (const plain of this.plainDocs.values()) {
      const taken = plain.pending.splice(0);
      if (taken.length > 0) plainTaken.set(plain, taken);
      writes.push(...taken);
    }
    const pending = new Map<CalendarReplica, PendingChanges>();
    for (const replica of this.replicas.values()) {
      const changes = replica.takePending();
      writes.push(...changes.updates);
      if (changes.updates.length > 0 || changes.dirtyUids.length > 0) pending.set(replica, changes);
    }
    if (writes.length === 0 && pending.size === 0) return;
    const metas = new Map<string, IndexMetaRow>();
    const outboxIds: (number | null)[] = writes.map(() => null);
    const at = this.now();
    try {
      await this.db.transaction('rw', [this.db.updates, this.db.days, this.db.indexMeta, this.db.outbox, this.db.syncState], async () => {
        if (writes.length > 0) await this.db.updates.bulkAdd(writes.map((w) => ({ docName: w.docName, update: w.update, sum: checksum(w.update) })));
        await this.recordLocal(writes, outboxIds, at);
        for (const [replica, changes] of pending) {
          if (changes.dirtyUids.length === 0) continue;
          const id = replica.calendarId;
          // Read the ranges inside the transaction: another window may have grown them.
          const stored = await this.db.indexMeta.get(id);
          const meta = stored && stored.version === INDEX_VERSION ? stored : (this.metas.get(id) ?? { calendarId: id, version: INDEX_VERSION, ranges: this.initialRanges() });
          const rows: IndexRow[] = [];
          const oldDays = new Set<number>();
          // Grouped once: scanning every changed key for every dirty UID made an import quadratic.
          const oldWhenByUid = oldWhenOfUids(changes.oldWhen);
          for (const uid of changes.dirtyUids) {
            for (const row of this.rowsOf(replica, uid, meta.ranges)) rows.push(row);
            // Where the UID's rows were before, so moved-away rows are removed too.
            const oldWhen = oldWhenByUid.get(uid);
            // A master that did not exist before had no rows (changed occurrences alone are never indexed).
            if (!oldWhen || (oldWhen.has(uid) && oldWhen.get(uid) === undefined)) continue;
            for (const day of groupByDay(this.rowsOf(replica, uid, meta.ranges, replica.previous(uid, oldWhen))).keys()) oldDays.add(day);
          }
          await this.mergeIntoBuckets(id, groupByDay(rows), new Set(changes.dirtyUids), oldDays);
          if (!stored) await this.db.indexMeta.put(meta);
          metas.set(id, meta);
        }
      });
    } catch (err) {
      // Nothing is dropped: the changes stay in memory and are written with the next flush.
      for (const [plain, taken] of plainTaken) plain.pending.unshift(...taken);
      for (const [replica, changes] of pending) replica.requeue(changes);
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const message = `Your latest changes could not be saved to disk (${reason}). They are kept in this window and saved as soon as possible.`;
      if (!this.problems.includes(message)) this.problems.push(message);
      this.notify();
      throw new Error(message, { cause: err });
    }
    for (const [id, meta] of metas) this.metas.set(id, meta);
    for (const replica of pending.keys()) replica.forgetWritten();
    writes.forEach((w, i) => {
      const outboxId = outboxIds[i] ?? null;
      if (outboxId !== null) this.seen(w.docName).add(outboxId);
      this.post({ kind: 'update', docName: w.docName, update: w.update, outboxId });
      this.rowsSinceCompaction.set(w.docName, (this.rowsSinceCompaction.get(w.docName) ?? 0) + 1);
    });
    this.notify();
    if (writes.some((w) => (this.rowsSinceCompaction.get(w.docName) ?? 0) > COMPACT_AFTER_ROWS)) setTimeout(() => void this.compactLarge(), 0);
  }

  /**
   * Inside the flush's transaction: an outbox row per local change, and the
   * client ids that wrote them, so both survive exactly as long as the change.
   */
  private async recordLocal(writes: readonly PendingUpdate[], outboxIds: (number | null)[], at: number): Promise<void> {
    const local = writes.map((w, i) => [w, i] as const).filter(([w]) => w.local);
    if (local.length === 0) return;
    const ids = await this.db.outbox.bulkAdd(
      local.map(([w]) => ({ docName: w.docName, at })),
      { allKeys: true },
    );
    local.forEach(([, i], j) => (outboxIds[i] = ids[j] ?? null));
    const clients = new Map<string, Set<number>>();
    for (const [w] of local) {
      const set = clients.get(w.docName) ?? new Set<number>();
      set.add(w.clientId);
      clients.set(w.docName, set);
    }
    const docNames = [...clients.keys()];
    const rows = await this.db.syncState.bulkGet(docNames);
    await this.db.syncState.bulkPut(
      docNames.map((docName, i) => {
        const row = parseSyncState(rows[i], docName);
        return { ...row, localClients: [...new Set([...row.localClients, ...clients.get(docName)!])] };
      }),
    );
  }

  private seen(docName: string): Set<number> {
    let set = this.outboxSeen.get(docName);
    if (!set) this.outboxSeen.set(docName, (set = new Set()));
    return set;
  }

  private post(message: Broadcast): void {
    if (!this.closed) this.channel.postMessage(message);
  }

  /** The open document stored under this name in this window, if any. */
  private docByName(docName: string): Y.Doc | null {
    const plain = this.plainDocs.get(docName);
    if (plain) return plain.doc;
    for (const replica of this.replicas.values()) {
      const doc = replica.docByName(docName);
      if (doc) return doc;
    }
    return null;
  }

  private onBroadcast(e: MessageEvent): void {
    const parsed = broadcastSchema.safeParse(e.data);
    if (!parsed.success || this.closed) return;
    const message = parsed.data;
    switch (message.kind) {
      case 'update': {
        const doc = this.docByName(message.docName);
        if (!doc) return;
        try {
          Y.applyUpdate(doc, message.update, ORIGIN_OTHER_WINDOW);
          if (message.outboxId !== null) this.seen(message.docName).add(message.outboxId);
        } catch {
          // The same bytes are in IndexedDB; the next start reads (or quarantines) them.
        }
        return;
      }
      case 'confirmed': {
        const set = this.outboxSeen.get(message.docName);
        for (const id of message.ids) set?.delete(id);
        this.notify();
        return;
      }
      case 'reopen':
        void this.schedule(async () => {
          await this.flush();
          await this.reopen(message.calendarId, message.reset);
        }).then(() => this.notify());
        return;
      case 'unsaved':
        this.notify();
        return;
    }
  }

  private async compactLarge(): Promise<void> {
    if (this.closed) return;
    for (const [docName, rows] of this.rowsSinceCompaction) {
      // Compacting costs a full encode; a handful of rows loads fast enough as it is.
      if (rows <= 20) continue;
      const plain = this.plainDocs.get(docName);
      const replica = [...this.replicas.values()].find((r) => r.loaded && r.docByName(docName));
      const doc = plain ? plain.doc : replica?.docByName(docName);
      if (!doc) continue;
      await this.schedule(async () => {
        const after = await compactDoc(this.db, docName, doc, ORIGIN_OTHER_WINDOW);
        this.rowsSinceCompaction.set(docName, Math.min(after, 1));
      });
    }
  }

  // ---- what the sync engine reads and records ----------------------------------

  pendingIds(docName: string): number[] {
    return [...(this.outboxSeen.get(docName) ?? [])];
  }

  async confirm(docName: string, ids: readonly number[], confirmedSv: Uint8Array | null, at: number): Promise<void> {
    if (this.closed) return;
    const doc = this.docByName(docName);
    await this.db.transaction('rw', this.db.outbox, this.db.syncState, async () => {
      if (ids.length > 0) await this.db.outbox.bulkDelete([...ids]);
      const row = parseSyncState(await this.db.syncState.get(docName), docName);
      const sv = confirmedSv ?? row.confirmedSv;
      // A client whose every change the relay holds needs no more watching.
      let localClients = row.localClients;
      if (sv && doc) {
        const relay = Y.decodeStateVector(sv);
        const held = Y.decodeStateVector(Y.encodeStateVector(doc));
        localClients = localClients.filter((c) => (held.get(c) ?? 0) > (relay.get(c) ?? 0) || c === doc.clientID);
      }
      await this.db.syncState.put({ docName, confirmedSv: sv, lastSyncedAt: at, localClients });
    });
    const set = this.outboxSeen.get(docName);
    for (const id of ids) set?.delete(id);
    if (ids.length > 0) {
      this.post({ kind: 'confirmed', docName, ids: [...ids] });
      this.notify();
    }
  }

  async syncState(docName: string): Promise<SyncStateRow | null> {
    const raw = await this.db.syncState.get(docName);
    return raw === undefined ? null : parseSyncState(raw, docName);
  }

  async unconfirmedKeys(calendarId: string): Promise<Set<string>> {
    const replica = await this.loadedReplica(calendarId);
    const out = new Set<string>();
    if (!replica) return out;
    for (const { docName, doc } of replica.docs()) {
      const state = parseSyncState(await this.db.syncState.get(docName), docName);
      const clients = new Set([...state.localClients, doc.clientID]);
      for (const key of unconfirmedKeys(doc, clients, state.confirmedSv ? Y.decodeStateVector(state.confirmedSv) : new Map())) out.add(key);
    }
    return out;
  }

  async addUnsaved(rows: readonly UnsavedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.unsaved.bulkPut([...rows]);
    this.post({ kind: 'unsaved' });
    this.notify();
  }

  async listUnsaved(): Promise<UnsavedRow[]> {
    const raw: unknown[] = await this.db.unsaved.toArray();
    const out: UnsavedRow[] = [];
    for (const row of raw) {
      const parsed = unsavedRowSchema.safeParse(row);
      if (parsed.success) out.push(parsed.data);
    }
    return out.sort((a, b) => b.at - a.at);
  }

  async deleteUnsaved(id: string): Promise<void> {
    await this.db.unsaved.delete(id);
    this.post({ kind: 'unsaved' });
    this.notify();
  }

  async readValue(key: string): Promise<unknown> {
    return (await this.db.keyValue.get(key))?.value;
  }

  async writeValue(key: string, value: unknown): Promise<void> {
    await this.db.keyValue.put({ key, value });
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  close(): void {
    this.closed = true;
    this.channel.close();
    for (const r of this.replicas.values()) r.destroy();
    for (const p of this.plainDocs.values()) p.doc.destroy();
    this.db.close();
  }
}

function parseSyncState(raw: unknown, docName: string): SyncStateRow {
  const r = raw as Partial<SyncStateRow> | undefined;
  return {
    docName,
    confirmedSv: r?.confirmedSv instanceof Uint8Array ? r.confirmedSv : null,
    lastSyncedAt: typeof r?.lastSyncedAt === 'number' ? r.lastSyncedAt : null,
    localClients: Array.isArray(r?.localClients) ? r.localClients.filter((c): c is number => typeof c === 'number') : [],
  };
}

/** Resolves when the page is next idle (at most 300 ms from now); right away where there is no such notion. */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 300 });
    else setTimeout(resolve, 0);
  });
}

function isIndexRow(row: unknown): row is IndexRow {
  const r = row as Partial<IndexRow> | null;
  return !!r && typeof r.startMs === 'number' && typeof r.endMs === 'number' && typeof r.start === 'string' && typeof r.end === 'string' && typeof r.uid === 'string' && typeof r.title === 'string' && typeof r.floating === 'boolean' && Array.isArray(r.categories);
}
