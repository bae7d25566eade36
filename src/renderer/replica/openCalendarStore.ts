import * as Y from 'yjs';
import { Dexie } from 'dexie';
import { z } from 'zod';
import { eventKey, type CalendarEvent } from '../../shared/model/CalendarEvent';
import { writeEvent, deleteEventKey, readEvent, type EventGroups } from '../../shared/model/eventDocument';
import { assertValidEvent } from '../../shared/model/validateEvent';
import { localToEpoch } from '../../shared/time/localToEpoch';
import { systemZone } from '../../shared/time/systemZone';
import { buildRows, type IndexWindow } from './buildRows';
import { CalendarReplica, ORIGIN_LOAD, ORIGIN_LOCAL, ORIGIN_OTHER_WINDOW } from './CalendarReplica';
import type { CalendarInfo, CalendarStore, EditScope, EventInput, OccurrenceRow, Settings } from './CalendarStore';
import { compactDoc, loadDoc } from './loadDoc';
import { planDelete, planUpdate, type EditPlan } from './planEdit';
import { checksum, TesseraDb, type IndexMetaRow, type IndexRow } from './TesseraDb';
import { shiftWallClock, wallClockMinutes } from './wallClock';

export interface OpenOptions {
  /** IndexedDB database name; one per profile. */
  dbName?: string;
  /** Clock, for tests. */
  now?: () => number;
}

/** Bump when the shape or meaning of index rows changes: every calendar re-indexes once. */
export const INDEX_VERSION = 1;
const OVERLAY_DOC = 'user/local';
const COMPACT_AFTER_ROWS = 200;
const DAY = 86_400_000;
/** Floating and all-day rows are indexed as UTC; a display zone is at most 14 h away. */
const ZONE_PAD = 15 * 3_600_000;
const DEFAULT_COLORS = ['#1a73e8', '#0b8043', '#d50000', '#f4511e', '#8e24aa', '#039be5', '#e67c73', '#616161'];

const calDoc = (id: string) => `cal/${id}/full`;

const overlayCalendarSchema = z.object({ color: z.string(), hidden: z.boolean(), order: z.number() });
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
      .map(([id, c]) => ({ id, name: this.replicas.get(id)!.name(), color: c.color, hidden: c.hidden }));
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

  loadProblems(): string[] {
    return [...this.problems];
  }

  private displayZone(): string {
    return this.settings().displayZone ?? systemZone();
  }

  async queryRange(fromMs: number, toMs: number, calendarIds: readonly string[]): Promise<OccurrenceRow[]> {
    const ids = calendarIds.filter((id) => this.replicas.has(id));
    for (const id of ids) await this.ensureWindow(id, fromMs - ZONE_PAD, toMs + ZONE_PAD);
    const zone = this.displayZone();
    const out: OccurrenceRow[] = [];
    const damaged = new Set<string>();
    await this.db.transaction('r', this.db.occurrences, async () => {
      for (const id of ids) {
        const meta = this.metas.get(id);
        const lo = fromMs - (meta?.maxDurationMs ?? DAY) - ZONE_PAD;
        const rows = await this.db.occurrences.where('[calendarId+startMs]').between([id, lo], [id, toMs + ZONE_PAD], true, false).toArray();
        for (const row of rows) {
          if (!isIndexRow(row)) {
            damaged.add(id);
            continue;
          }
          const placed = row.floating ? { ...row, startMs: localToEpoch(row.start, null, zone), endMs: localToEpoch(row.end, null, zone) } : row;
          const overlaps = placed.startMs < toMs && (placed.endMs > fromMs || (placed.endMs === placed.startMs && placed.startMs >= fromMs));
          if (overlaps) out.push(placed);
        }
      }
    });
    for (const id of damaged) {
      this.problems.push('Some saved index entries were damaged; the calendar was re-indexed from its data.');
      await this.schedule(() => this.rebuildIndex(this.replicas.get(id)!));
    }
    out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
    return out;
  }

  getEvent(calendarId: string, uid: string, recurrenceId: string | null = null): CalendarEvent | null {
    const replica = this.replicas.get(calendarId);
    if (!replica) return null;
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
    const replica = this.replicaOf(calendarId);
    const master = replica.master(uid);
    if (!master) throw new Error('This event no longer exists; it may have been deleted in another window.');
    await this.applyPlan(calendarId, planUpdate({ master, overrides: replica.overrides(uid) }, recurrenceId, input, scope, () => crypto.randomUUID()));
  }

  async deleteEvent(calendarId: string, uid: string, recurrenceId: string | null, scope: EditScope): Promise<void> {
    const replica = this.replicaOf(calendarId);
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
    const from = this.replicaOf(fromCalendarId);
    const to = this.replicaOf(toCalendarId);
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
    const replica = this.replicaOf(calendarId);
    replica.doc.transact(() => {
      for (const [key, groups] of plan) {
        if (groups === null) deleteEventKey(replica.doc, key);
        else writeEvent(replica.doc, key, groups as Partial<EventGroups>);
      }
    }, ORIGIN_LOCAL);
    await this.scheduleFlush();
  }

  private replicaOf(calendarId: string): CalendarReplica {
    const replica = this.replicas.get(calendarId);
    if (!replica) throw new Error('That calendar is not on this device any more.');
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
    replica.doc.transact(() => replica.doc.getMap('meta').set('name', clean), ORIGIN_LOCAL);
    const order = this.overlayCalendars().reduce((m, [, c]) => Math.max(m, c.order + 1), 0);
    this.overlay.transact(() => this.overlay.getMap<string>('calendars').set(id, JSON.stringify({ color, hidden: false, order })), ORIGIN_LOCAL);
    await this.scheduleFlush();
    return id;
  }

  async updateCalendar(id: string, patch: Partial<Omit<CalendarInfo, 'id'>>): Promise<void> {
    const replica = this.replicaOf(id);
    if (patch.name !== undefined) {
      const clean = patch.name.trim();
      if (!clean) throw new Error('A calendar needs a name.');
      replica.doc.transact(() => replica.doc.getMap('meta').set('name', clean), ORIGIN_LOCAL);
    }
    const current = this.overlayCalendars().find(([cid]) => cid === id)?.[1];
    if (current && (patch.color !== undefined || patch.hidden !== undefined)) {
      const next = { ...current, color: patch.color ?? current.color, hidden: patch.hidden ?? current.hidden };
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
      await this.db.transaction('rw', this.db.updates, this.db.occurrences, this.db.indexMeta, async () => {
        await this.db.updates.where('docName').equals(calDoc(id)).delete();
        await this.db.occurrences.where('[calendarId+rowId]').between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
        await this.db.indexMeta.delete(id);
      });
    }
    this.notify();
  }

  private async openReplica(id: string): Promise<CalendarReplica> {
    const replica = new CalendarReplica(id, (_r, origin) => {
      if (origin !== ORIGIN_LOAD) void this.scheduleFlush();
    });
    this.replicas.set(id, replica);
    const loaded = await loadDoc(this.db, calDoc(id), replica.doc);
    this.problems.push(...loaded.problems);
    this.rowsSinceCompaction.set(calDoc(id), loaded.rows);
    replica.indexKeys();
    replica.undo.on('stack-item-added', (e: { type: 'undo' | 'redo' }) => this.onUndoItem(id, e.type));
    const meta = await this.db.indexMeta.get(id);
    if (meta && meta.version === INDEX_VERSION && typeof meta.windowFromMs === 'number') this.metas.set(id, meta);
    else await this.rebuildIndex(replica);
    return replica;
  }

  // ---- the derived index ----------------------------------------------------

  private defaultWindow(): IndexWindow {
    const now = this.now();
    return { fromMs: monthStart(now, -6), toMs: monthStart(now, 13) };
  }

  /** Re-derives every index row of one calendar from its document, in one transaction. */
  async rebuildIndex(replica: CalendarReplica): Promise<void> {
    const window = this.defaultWindow();
    const rows: IndexRow[] = [];
    for (const uid of replica.uids()) rows.push(...this.rowsOf(replica, uid, window));
    const meta: IndexMetaRow = { calendarId: replica.calendarId, version: INDEX_VERSION, windowFromMs: window.fromMs, windowToMs: window.toMs, maxDurationMs: maxDuration(rows, DAY) };
    const id = replica.calendarId;
    await this.db.transaction('rw', this.db.occurrences, this.db.indexMeta, async () => {
      await this.db.occurrences.where('[calendarId+rowId]').between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
      await this.db.occurrences.bulkPut(rows);
      await this.db.indexMeta.put(meta);
    });
    this.metas.set(id, meta);
  }

  private rowsOf(replica: CalendarReplica, uid: string, window: IndexWindow): IndexRow[] {
    const master = replica.master(uid);
    if (!master) return [];
    try {
      return buildRows(replica.calendarId, master, replica.overrides(uid), window);
    } catch (err) {
      // One event that cannot be placed (say, a zone this system lacks) must not
      // keep the rest of the calendar out of the index.
      this.problems.push(`"${master.what.title || uid}" could not be shown: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  /** Materialises series occurrences for a range outside the index window, a year at a time. */
  private async ensureWindow(calendarId: string, fromMs: number, toMs: number): Promise<void> {
    const meta = this.metas.get(calendarId);
    if (!meta || (fromMs >= meta.windowFromMs && toMs <= meta.windowToMs)) return;
    await this.schedule(async () => {
      const current = this.metas.get(calendarId);
      const replica = this.replicas.get(calendarId);
      if (!current || !replica || (fromMs >= current.windowFromMs && toMs <= current.windowToMs)) return;
      const next = { ...current, windowFromMs: Math.min(current.windowFromMs, monthStart(fromMs, -6)), windowToMs: Math.max(current.windowToMs, monthStart(toMs, 7)) };
      const ranges: IndexWindow[] = [];
      if (next.windowFromMs < current.windowFromMs) ranges.push({ fromMs: next.windowFromMs, toMs: current.windowFromMs });
      if (next.windowToMs > current.windowToMs) ranges.push({ fromMs: current.windowToMs, toMs: next.windowToMs });
      const rows: IndexRow[] = [];
      const whenMap = replica.doc.getMap<string>('when');
      for (const uid of replica.uids()) {
        const raw = whenMap.get(uid) ?? '';
        // Cheap test on the stored JSON: only series gain rows when the window grows.
        if (!raw.includes('"rrule":"') && raw.includes('"rdates":[]')) continue;
        for (const range of ranges) rows.push(...this.rowsOf(replica, uid, range));
      }
      next.maxDurationMs = Math.max(current.maxDurationMs, maxDuration(rows, 0));
      await this.db.transaction('rw', this.db.occurrences, this.db.indexMeta, async () => {
        await this.db.occurrences.bulkPut(rows);
        await this.db.indexMeta.put(next);
      });
      this.metas.set(calendarId, next);
    });
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
    const dirty: { replica: CalendarReplica; uids: string[] }[] = [];
    for (const replica of this.replicas.values()) {
      const { updates, dirtyUids } = replica.takePending();
      for (const update of updates) writes.push({ docName: calDoc(replica.calendarId), update });
      if (dirtyUids.length > 0) dirty.push({ replica, uids: dirtyUids });
    }
    if (writes.length === 0 && dirty.length === 0) return;
    const metas = new Map<string, IndexMetaRow>();
    try {
      await this.db.transaction('rw', this.db.updates, this.db.occurrences, this.db.indexMeta, async () => {
        if (writes.length > 0) await this.db.updates.bulkAdd(writes.map((w) => ({ ...w, sum: checksum(w.update) })));
        for (const { replica, uids } of dirty) {
          const id = replica.calendarId;
          // Read the window inside the transaction: another window may have grown it.
          const stored = await this.db.indexMeta.get(id);
          const meta = stored && stored.version === INDEX_VERSION ? stored : (this.metas.get(id) ?? { calendarId: id, version: INDEX_VERSION, ...toMeta(this.defaultWindow()), maxDurationMs: DAY });
          const window = { fromMs: meta.windowFromMs, toMs: meta.windowToMs };
          const rows: IndexRow[] = [];
          for (const uid of uids) rows.push(...this.rowsOf(replica, uid, window));
          for (const uid of uids) await this.db.occurrences.where('[calendarId+uid]').equals([id, uid]).delete();
          await this.db.occurrences.bulkPut(rows);
          const next = { ...meta, maxDurationMs: Math.max(meta.maxDurationMs, maxDuration(rows, 0)) };
          await this.db.indexMeta.put(next);
          metas.set(id, next);
        }
      });
    } catch (err) {
      // Nothing is dropped: the changes stay in memory and are written with the next flush.
      this.overlayPending.unshift(...writes.filter((w) => w.docName === OVERLAY_DOC).map((w) => w.update));
      for (const replica of this.replicas.values()) {
        replica.requeue(
          writes.filter((w) => w.docName === calDoc(replica.calendarId)).map((w) => w.update),
          dirty.find((d) => d.replica === replica)?.uids ?? [],
        );
      }
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
      const doc = docName === OVERLAY_DOC ? this.overlay : [...this.replicas.values()].find((r) => calDoc(r.calendarId) === docName)?.doc;
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

function toMeta(window: IndexWindow): { windowFromMs: number; windowToMs: number } {
  return { windowFromMs: window.fromMs, windowToMs: window.toMs };
}

function maxDuration(rows: readonly IndexRow[], floor: number): number {
  let max = floor;
  for (const r of rows) max = Math.max(max, r.endMs - r.startMs);
  return max;
}

function isIndexRow(row: unknown): row is IndexRow {
  const r = row as Partial<IndexRow> | null;
  return !!r && typeof r.startMs === 'number' && typeof r.endMs === 'number' && typeof r.start === 'string' && typeof r.end === 'string' && typeof r.uid === 'string' && typeof r.title === 'string' && typeof r.floating === 'boolean' && Array.isArray(r.categories);
}
