import * as Y from 'yjs';
import { Dexie } from 'dexie';
import { z } from 'zod';
import { eventKey, type CalendarEvent } from '../../shared/model/CalendarEvent';
import { writeEvent, deleteEventKey, readEvent, type EventGroups } from '../../shared/model/eventDocument';
import { assertValidEvent } from '../../shared/model/validateEvent';
import { localToEpoch } from '../../shared/time/localToEpoch';
import { systemZone } from '../../shared/time/systemZone';
import { buildRows } from './buildRows';
import { CalendarReplica, ORIGIN_LOAD, ORIGIN_LOCAL, ORIGIN_OTHER_WINDOW, type PendingChanges } from './CalendarReplica';
import { addRange, DAY_MS, groupByDay, LONG_BUCKET, missingRanges } from './dayBuckets';
import type { CalendarInfo, CalendarStore, EditScope, EventInput, OccurrenceRow, Settings } from './CalendarStore';
import { compactDoc, loadDoc } from './loadDoc';
import { planDelete, planUpdate, type EditPlan } from './planEdit';
import { checksum, TesseraDb, type DayBucket, type IndexMetaRow, type IndexRow } from './TesseraDb';
import { shiftWallClock, wallClockMinutes } from './wallClock';

export interface OpenOptions {
  /** IndexedDB database name; one per profile. */
  dbName?: string;
  /** Clock, for tests. */
  now?: () => number;
}

/** Bump when the shape or meaning of index rows changes: every calendar re-indexes once. */
export const INDEX_VERSION = 2;
const OVERLAY_DOC = 'user/local';
const COMPACT_AFTER_ROWS = 200;
/** Floating and all-day rows are indexed as UTC; a display zone is at most 14 h away. */
const ZONE_PAD = 15 * 3_600_000;
const DEFAULT_COLORS = ['#1a73e8', '#0b8043', '#d50000', '#f4511e', '#8e24aa', '#039be5', '#e67c73', '#616161'];

const calDoc = (id: string) => `cal/${id}/full`;

const overlayCalendarSchema = z.object({ color: z.string(), hidden: z.boolean(), order: z.number(), name: z.string().optional() });
const broadcastSchema = z.object({ docName: z.string(), update: z.instanceof(Uint8Array) });
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

export async function openCalendarStore(options: OpenOptions = {}): Promise<CalendarStore> {
  const store = new ReplicaStore(options.dbName ?? 'tessera', options.now ?? Date.now);
  await store.open();
  return store;
}

function monthStart(ms: number, addMonths = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + addMonths, 1);
}

/**
 * The replica engine: one Yjs document per calendar plus the person's overlay
 * document, persisted as an update log in IndexedDB, with a derived index of
 * occurrences that the views query by range.
 *
 * Every user action is one Yjs transaction and then one IndexedDB transaction
 * that holds both the update and the index rows it changes, so the index can
 * never disagree with the document on disk.
 */
class ReplicaStore implements CalendarStore {
  private readonly db: TesseraDb;
  private readonly channel: BroadcastChannel;
  private readonly overlay = new Y.Doc();
  private readonly overlayPending: Uint8Array[] = [];
  private readonly replicas = new Map<string, CalendarReplica>();
  private readonly metas = new Map<string, IndexMetaRow>();
  private readonly listeners = new Set<() => void>();
  private readonly problems: string[] = [];
  private readonly rowsSinceCompaction = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private undoStack: string[][] = [];
  private redoStack: string[][] = [];
  private undoing = false;
  private step: Set<string> | null = null;
  private closed = false;

  constructor(
    private readonly dbName: string,
    private readonly now: () => number,
  ) {
    this.db = new TesseraDb(dbName);
    this.channel = new BroadcastChannel(`tessera:${dbName}`);
  }

  async open(): Promise<void> {
    const early: MessageEvent[] = [];
    this.channel.onmessage = (e) => early.push(e);
    await this.db.open();
    const loaded = await loadDoc(this.db, OVERLAY_DOC, this.overlay);
    this.problems.push(...loaded.problems);
    this.rowsSinceCompaction.set(OVERLAY_DOC, loaded.rows);
    this.overlay.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== ORIGIN_LOAD && origin !== ORIGIN_OTHER_WINDOW) this.overlayPending.push(update);
    });
    this.overlay.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === ORIGIN_LOAD) return;
      void this.schedule(() => this.reconcile()).then(() => this.scheduleFlush());
    });
    if (this.overlayCalendars().length === 0) {
      await this.createCalendarNow('Calendar', DEFAULT_COLORS[0]!);
    }
    await this.reconcile();
    this.channel.onmessage = (e) => this.onBroadcast(e);
    for (const e of early) this.onBroadcast(e);
    await this.scheduleFlush();
    setTimeout(() => void this.compactLarge(), 1_000);
  }

  // ---- reading -------------------------------------------------------------

  calendars(): CalendarInfo[] {
    return this.overlayCalendars()
      .filter(([id]) => this.replicas.has(id))
      .map(([id, c]) => {
        const replica = this.replicas.get(id)!;
        return { id, name: replica.loaded ? replica.name() : (c.name ?? 'Calendar'), color: c.color, hidden: c.hidden };
      });
  }

  settings(): Settings {
    const map = this.overlay.getMap<string>('settings');
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
    await this.db.transaction('r', this.db.days, async () => {
      for (const id of ids) {
        const buckets = [await this.db.days.get([id, LONG_BUCKET]), ...(await this.db.days.where('[calendarId+day]').between([id, firstDay], [id, lastDay], true, true).toArray())];
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
            if (seen.has(row.rowId)) continue;
            seen.add(row.rowId);
            const placed = row.floating ? { ...row, startMs: localToEpoch(row.start, null, zone), endMs: localToEpoch(row.end, null, zone) } : row;
            const overlaps = placed.startMs < toMs && (placed.endMs > fromMs || (placed.endMs === placed.startMs && placed.startMs >= fromMs));
            if (overlaps) out.push(placed);
          }
        }
      }
    });
    for (const id of damaged) {
      this.problems.push('Some saved index entries were damaged; the calendar was re-indexed from its data.');
      await this.replicas.get(id)!.ready;
      await this.schedule(() => this.rebuildIndex(this.replicas.get(id)!));
    }
    out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
    return out;
  }

  async getEvent(calendarId: string, uid: string, recurrenceId: string | null = null): Promise<CalendarEvent | null> {
    const replica = this.replicas.get(calendarId);
    if (!replica) return null;
    await replica.ready;
    const master = replica.master(uid);
    if (recurrenceId === null) return master;
    const override = readEvent(replica.doc, eventKey(uid, recurrenceId));
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
    const replica = await this.loadedReplica(calendarId);
    const master = replica.master(uid);
    if (!master) throw new Error('This event no longer exists; it may have been deleted in another window.');
    await this.applyPlan(calendarId, planUpdate({ master, overrides: replica.overrides(uid) }, recurrenceId, input, scope, () => crypto.randomUUID()));
  }

  async deleteEvent(calendarId: string, uid: string, recurrenceId: string | null, scope: EditScope): Promise<void> {
    const replica = await this.loadedReplica(calendarId);
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
    const from = await this.loadedReplica(fromCalendarId);
    const to = await this.loadedReplica(toCalendarId);
    const entries = from.keysOf(uid).map((key) => [key, readEvent(from.doc, key)] as const);
    await this.asOneStep(async () => {
      to.doc.transact(() => {
        for (const [key, ev] of entries) if (ev) writeEvent(to.doc, key, { when: ev.when, what: ev.what, who: ev.who, rem: ev.reminders });
      }, ORIGIN_LOCAL);
      from.doc.transact(() => {
        for (const [key] of entries) deleteEventKey(from.doc, key);
      }, ORIGIN_LOCAL);
    });
    await this.scheduleFlush();
  }

  private async applyPlan(calendarId: string, plan: EditPlan): Promise<void> {
    const replica = await this.loadedReplica(calendarId);
    replica.doc.transact(() => {
      for (const [key, groups] of plan) {
        if (groups === null) deleteEventKey(replica.doc, key);
        else writeEvent(replica.doc, key, groups as Partial<EventGroups>);
      }
    }, ORIGIN_LOCAL);
    await this.scheduleFlush();
  }

  private async loadedReplica(calendarId: string): Promise<CalendarReplica> {
    const replica = this.replicas.get(calendarId);
    if (!replica) throw new Error('That calendar is not on this device any more.');
    await replica.ready;
    return replica;
  }

  // ---- undo ----------------------------------------------------------------

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  async undo(): Promise<void> {
    await this.replay(this.undoStack, this.redoStack, (r) => r.undo.undo());
  }

  async redo(): Promise<void> {
    await this.replay(this.redoStack, this.undoStack, (r) => r.undo.redo());
  }

  private async replay(from: string[][], to: string[][], run: (r: CalendarReplica) => void): Promise<void> {
    const step = from.pop();
    if (!step) return;
    this.undoing = true;
    try {
      for (const id of [...step].reverse()) {
        const replica = this.replicas.get(id);
        if (replica) run(replica);
      }
    } finally {
      this.undoing = false;
    }
    to.push(step);
    await this.scheduleFlush();
  }

  private async asOneStep(fn: () => Promise<void> | void): Promise<void> {
    this.step = new Set();
    try {
      await fn();
    } finally {
      const ids = [...this.step];
      this.step = null;
      if (ids.length > 0) {
        this.undoStack.push(ids);
        this.redoStack = [];
      }
    }
  }

  private onUndoItem(calendarId: string, type: 'undo' | 'redo'): void {
    // Items added while undoing or redoing are the inverse steps Yjs keeps for
    // itself; only fresh edits start a new step.
    if (this.undoing || type !== 'undo') return;
    if (this.step) {
      this.step.add(calendarId);
      return;
    }
    this.undoStack.push([calendarId]);
    this.redoStack = [];
  }

  // ---- calendars and settings ---------------------------------------------

  private overlayCalendars(): [string, z.infer<typeof overlayCalendarSchema>][] {
    const out: [string, z.infer<typeof overlayCalendarSchema>][] = [];
    for (const [id, raw] of this.overlay.getMap<string>('calendars')) {
      try {
        const parsed = overlayCalendarSchema.safeParse(JSON.parse(raw));
        if (parsed.success) out.push([id, parsed.data]);
      } catch {
        // Skipped: a damaged entry must not hide every other calendar.
      }
    }
    return out.sort((a, b) => a[1].order - b[1].order);
  }

  async createCalendar(name: string, color: string): Promise<string> {
    const id = await this.createCalendarNow(name, color);
    await this.schedule(() => this.reconcile());
    await this.scheduleFlush();
    return id;
  }

  private async createCalendarNow(name: string, color: string): Promise<string> {
    const clean = name.trim();
    if (!clean) throw new Error('A calendar needs a name.');
    if (clean.length > 200) throw new Error('A calendar name can be at most 200 characters.');
    const id = crypto.randomUUID();
    const replica = await this.openReplica(id);
    await replica.ready;
    replica.doc.transact(() => replica.doc.getMap('meta').set('name', clean), ORIGIN_LOCAL);
    const order = this.overlayCalendars().reduce((m, [, c]) => Math.max(m, c.order + 1), 0);
    this.overlay.transact(() => this.overlay.getMap<string>('calendars').set(id, JSON.stringify({ color, hidden: false, order, name: clean })), ORIGIN_LOCAL);
    await this.scheduleFlush();
    return id;
  }

  async updateCalendar(id: string, patch: Partial<Omit<CalendarInfo, 'id'>>): Promise<void> {
    const replica = await this.loadedReplica(id);
    const name = patch.name?.trim();
    if (name !== undefined) {
      if (!name) throw new Error('A calendar needs a name.');
      replica.doc.transact(() => replica.doc.getMap('meta').set('name', name), ORIGIN_LOCAL);
    }
    const current = this.overlayCalendars().find(([cid]) => cid === id)?.[1];
    if (current && (patch.color !== undefined || patch.hidden !== undefined || name !== undefined)) {
      const next = { ...current, color: patch.color ?? current.color, hidden: patch.hidden ?? current.hidden, name: name ?? current.name };
      this.overlay.transact(() => this.overlay.getMap<string>('calendars').set(id, JSON.stringify(next)), ORIGIN_LOCAL);
    }
    await this.scheduleFlush();
    this.notify();
  }

  async deleteCalendar(id: string): Promise<void> {
    if (this.overlayCalendars().length <= 1) throw new Error('Tessera needs at least one calendar; create another before deleting this one.');
    this.overlay.transact(() => this.overlay.getMap<string>('calendars').delete(id), ORIGIN_LOCAL);
    await this.scheduleFlush();
    await this.schedule(() => this.reconcile());
    this.undoStack = this.undoStack.filter((s) => !s.includes(id));
    this.redoStack = this.redoStack.filter((s) => !s.includes(id));
    this.notify();
  }

  async updateSettings(patch: Partial<Settings>): Promise<void> {
    const map = this.overlay.getMap<string>('settings');
    this.overlay.transact(() => {
      for (const [key, value] of Object.entries(patch)) map.set(key, JSON.stringify(value));
    }, ORIGIN_LOCAL);
    await this.scheduleFlush();
    this.notify();
  }

  /** Opens calendars the overlay lists and closes (and deletes locally) the ones it no longer does. */
  private async reconcile(): Promise<void> {
    const wanted = new Set(this.overlayCalendars().map(([id]) => id));
    for (const id of wanted) if (!this.replicas.has(id)) await this.openReplica(id);
    for (const [id, replica] of this.replicas) {
      if (wanted.has(id)) continue;
      replica.destroy();
      this.replicas.delete(id);
      this.metas.delete(id);
      await this.db.transaction('rw', this.db.updates, this.db.days, this.db.indexMeta, async () => {
        await this.db.updates.where('docName').equals(calDoc(id)).delete();
        await this.db.days.where('[calendarId+day]').between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
        await this.db.indexMeta.delete(id);
      });
    }
    this.notify();
  }

  /**
   * Registers a calendar and starts loading its document. When its index is
   * already on disk the views are served from it at once and the document (which
   * for a 50,000-event calendar takes most of a second to decode) loads behind
   * them; reads and writes that need it wait for `replica.ready`.
   */
  private async openReplica(id: string): Promise<CalendarReplica> {
    const replica = new CalendarReplica(id, (_r, origin) => {
      if (origin !== ORIGIN_LOAD) void this.scheduleFlush();
    });
    this.replicas.set(id, replica);
    replica.undo.on('stack-item-added', (e: { type: 'undo' | 'redo' }) => this.onUndoItem(id, e.type));
    const hydrate = async () => {
      const loaded = await loadDoc(this.db, calDoc(id), replica.doc);
      this.problems.push(...loaded.problems);
      this.rowsSinceCompaction.set(calDoc(id), loaded.rows);
      replica.attach();
      if (loaded.problems.length > 0 || replica.name() !== this.cachedName(id)) this.notify();
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
    return this.overlayCalendars().find(([cid]) => cid === id)?.[1].name;
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
  private rowsOf(replica: CalendarReplica, uid: string, ranges: readonly [number, number][], state = { master: replica.master(uid), overrides: replica.overrides(uid) }): IndexRow[] {
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
    const writes: { docName: string; update: Uint8Array }[] = this.overlayPending.splice(0).map((update) => ({ docName: OVERLAY_DOC, update }));
    const pending = new Map<CalendarReplica, PendingChanges>();
    for (const replica of this.replicas.values()) {
      const changes = replica.takePending();
      for (const update of changes.updates) writes.push({ docName: calDoc(replica.calendarId), update });
      if (changes.updates.length > 0 || changes.dirtyUids.length > 0) pending.set(replica, changes);
    }
    if (writes.length === 0 && pending.size === 0) return;
    const metas = new Map<string, IndexMetaRow>();
    try {
      await this.db.transaction('rw', this.db.updates, this.db.days, this.db.indexMeta, async () => {
        if (writes.length > 0) await this.db.updates.bulkAdd(writes.map((w) => ({ ...w, sum: checksum(w.update) })));
        for (const [replica, changes] of pending) {
          if (changes.dirtyUids.length === 0) continue;
          const id = replica.calendarId;
          // Read the ranges inside the transaction: another window may have grown them.
          const stored = await this.db.indexMeta.get(id);
          const meta = stored && stored.version === INDEX_VERSION ? stored : (this.metas.get(id) ?? { calendarId: id, version: INDEX_VERSION, ranges: this.initialRanges() });
          const rows: IndexRow[] = [];
          const oldDays = new Set<number>();
          for (const uid of changes.dirtyUids) {
            rows.push(...this.rowsOf(replica, uid, meta.ranges));
            // Where the UID's rows were before, so moved-away rows are removed too.
            const touchedWhen = [...changes.oldWhen.keys()].some((k) => k === uid || k.startsWith(`${uid}#`));
            if (touchedWhen) for (const day of groupByDay(this.rowsOf(replica, uid, meta.ranges, replica.previous(uid, changes.oldWhen))).keys()) oldDays.add(day);
          }
          await this.mergeIntoBuckets(id, groupByDay(rows), new Set(changes.dirtyUids), oldDays);
          if (!stored) await this.db.indexMeta.put(meta);
          metas.set(id, meta);
        }
      });
    } catch (err) {
      // Nothing is dropped: the changes stay in memory and are written with the next flush.
      this.overlayPending.unshift(...writes.filter((w) => w.docName === OVERLAY_DOC).map((w) => w.update));
      for (const [replica, changes] of pending) replica.requeue(changes);
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const message = `Your latest changes could not be saved to disk (${reason}). They are kept in this window and saved as soon as possible.`;
      if (!this.problems.includes(message)) this.problems.push(message);
      this.notify();
      throw new Error(message, { cause: err });
    }
    for (const [id, meta] of metas) this.metas.set(id, meta);
    for (const w of writes) {
      this.channel.postMessage(w);
      this.rowsSinceCompaction.set(w.docName, (this.rowsSinceCompaction.get(w.docName) ?? 0) + 1);
    }
    this.notify();
    if (writes.some((w) => (this.rowsSinceCompaction.get(w.docName) ?? 0) > COMPACT_AFTER_ROWS)) setTimeout(() => void this.compactLarge(), 0);
  }

  private onBroadcast(e: MessageEvent): void {
    const parsed = broadcastSchema.safeParse(e.data);
    if (!parsed.success || this.closed) return;
    const { docName, update } = parsed.data;
    try {
      if (docName === OVERLAY_DOC) {
        Y.applyUpdate(this.overlay, update, ORIGIN_OTHER_WINDOW);
        return;
      }
      for (const replica of this.replicas.values()) {
        if (calDoc(replica.calendarId) === docName) Y.applyUpdate(replica.doc, update, ORIGIN_OTHER_WINDOW);
      }
    } catch {
      // The same bytes are in IndexedDB; the next start reads (or quarantines) them.
    }
  }

  private async compactLarge(): Promise<void> {
    if (this.closed) return;
    for (const [docName, rows] of this.rowsSinceCompaction) {
      // Compacting costs a full encode; a handful of rows loads fast enough as it is.
      if (rows <= 20) continue;
      const doc = docName === OVERLAY_DOC ? this.overlay : [...this.replicas.values()].find((r) => r.loaded && calDoc(r.calendarId) === docName)?.doc;
      if (!doc) continue;
      await this.schedule(async () => {
        const after = await compactDoc(this.db, docName, doc, ORIGIN_OTHER_WINDOW);
        this.rowsSinceCompaction.set(docName, Math.min(after, 1));
      });
    }
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  close(): void {
    this.closed = true;
    this.channel.close();
    for (const r of this.replicas.values()) r.destroy();
    this.overlay.destroy();
    this.db.close();
  }
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
