import * as Y from 'yjs';
import { EMPTY_WHO, parseEventKey, type CalendarEvent } from '../../shared/model/CalendarEvent';
import { deleteEventKey, GROUPS, groupMap, parseGroup, readEvent, writeEvent, type EventGroups } from '../../shared/model/eventDocument';
import { isPrivateStub, mayBePrivate, privateStub } from '../../shared/protocol/projectGroups';
import { isWritable, localBinding, mainDocName, privateDocName, type ReplicaBinding } from './ReplicaBinding';

/** Transaction origins, so persistence knows what it already holds. */
export const ORIGIN_LOAD = Symbol('load');
export const ORIGIN_OTHER_WINDOW = Symbol('other-window');
export const ORIGIN_LOCAL = Symbol('local');
/** A local change that is not the person's own action (splitting private events): saved and synced, never undone. */
export const ORIGIN_MIGRATE = Symbol('migrate');

/** Groups the `private` document holds per event (times stay in `full`). */
const PRIVATE_GROUPS = ['what', 'who', 'rem'] as const;

export interface PendingUpdate {
  docName: string;
  update: Uint8Array;
  /** Made on this device (not received from the relay): waits for the relay's confirmation. */
  local: boolean;
  /** Client id of the document that made it, for finding this device's unconfirmed changes. */
  clientId: number;
}

/** What changed in a replica since the last flush. */
export interface PendingChanges {
  updates: PendingUpdate[];
  dirtyUids: string[];
  /** Stored `when` JSON of each changed key before its first change (undefined: it did not exist). */
  oldWhen: Map<string, string | undefined>;
}

/** Which of a replica's documents an undo manager tracks. */
export type DocPart = 'main' | 'private';

/**
 * One calendar in memory: its events document (`full`, or a projection for low
 * levels) and, where the person may see private items, its `private` document,
 * with the bookkeeping the index needs: which keys belong to which UID (so a
 * series and its changed occurrences are re-indexed together without scanning
 * the document), which UIDs changed since the last flush, and where they were
 * before (so their old index rows can be found).
 *
 * Private events: `full` holds a stub (times, show-as) that every reader of
 * `full` may see; their text, people and reminders live in `private`. Reads
 * merge the two, writes split them, so callers see whole events.
 */
export class CalendarReplica {
  readonly doc = new Y.Doc();
  readonly privateDoc: Y.Doc | null;
  readonly undo: Y.UndoManager;
  readonly privateUndo: Y.UndoManager | null;
  readonly docName: string;
  readonly privateDocName: string | null;
  /** Settles when the stored documents have been applied; set by the store. */
  ready: Promise<void> = Promise.resolve();
  /** True once the stored documents are applied and changes are tracked. */
  loaded = false;
  /** uid -> keys of its changed occurrences (`<uid>#<rid>`). */
  private readonly overrideKeys = new Map<string, Set<string>>();
  private dirtyUids = new Set<string>();
  private pendingUpdates: PendingUpdate[] = [];
  private oldWhen = new Map<string, string | undefined>();
  /**
   * Whole events as this window last wrote them, until the next flush has indexed
   * them: the index reads them from here instead of parsing back (JSON and schema)
   * what was written a moment ago, which was most of a large import's index work.
   * Any later change to a key, from anywhere, drops its entry.
   */
  private written = new Map<string, CalendarEvent>();

  /** Replaced in place when only the level or source changes (same documents). */
  binding: ReplicaBinding;

  /**
   * `binding` may be a bare calendar id: a local calendar holding `full` only
   * (what tools such as the benchmark load).
   */
  constructor(
    binding: ReplicaBinding | string,
    private readonly onChange: (replica: CalendarReplica, origin: unknown) => void,
    private readonly isLocalOrigin: (origin: unknown) => boolean = () => true,
  ) {
    this.binding = typeof binding === 'string' ? { ...localBinding(binding), private: false } : binding;
    this.docName = mainDocName(this.binding);
    this.privateDoc = this.binding.private ? new Y.Doc() : null;
    this.privateDocName = this.binding.private ? privateDocName(this.binding.calendarId) : null;
    // Each user action is one transaction; merging nearby ones would make undo
    // take back more than the person did.
    this.undo = new Y.UndoManager(GROUPS.map((g) => groupMap(this.doc, g)), { trackedOrigins: new Set([ORIGIN_LOCAL]), captureTimeout: 0 });
    this.privateUndo = this.privateDoc ? new Y.UndoManager(PRIVATE_GROUPS.map((g) => groupMap(this.privateDoc!, g)), { trackedOrigins: new Set([ORIGIN_LOCAL]), captureTimeout: 0 }) : null;
  }

  get calendarId(): string {
    return this.binding.calendarId;
  }

  get writable(): boolean {
    return isWritable(this.binding);
  }

  /** Every document with its stored name: the events document first. */
  docs(): { docName: string; doc: Y.Doc; part: DocPart }[] {
    const out: { docName: string; doc: Y.Doc; part: DocPart }[] = [{ docName: this.docName, doc: this.doc, part: 'main' }];
    if (this.privateDoc && this.privateDocName) out.push({ docName: this.privateDocName, doc: this.privateDoc, part: 'private' });
    return out;
  }

  docByName(docName: string): Y.Doc | null {
    return docName === this.docName ? this.doc : docName === this.privateDocName ? this.privateDoc : null;
  }

  undoManager(part: DocPart): Y.UndoManager | null {
    return part === 'main' ? this.undo : this.privateUndo;
  }

  /**
   * Starts tracking changes. Called after the stored state is applied: with an
   * 'update' listener present, Yjs re-encodes the whole loaded state for it, which
   * measured as doubling the load time of a 50,000-event calendar.
   */
  attach(): void {
    this.loaded = true;
    this.indexKeys();
    for (const { docName, doc } of this.docs()) {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        // Updates from another window are already in IndexedDB.
        if (origin !== ORIGIN_OTHER_WINDOW && origin !== ORIGIN_LOAD) this.pendingUpdates.push({ docName, update, local: this.isLocalOrigin(origin), clientId: doc.clientID });
      });
    }
    groupMap(this.doc, 'when').observe((ev) => {
      for (const [key, change] of ev.changes.keys) {
        if (!this.oldWhen.has(key)) this.oldWhen.set(key, change.action === 'add' ? undefined : (change.oldValue as string));
      }
    });
    for (const { doc, part } of this.docs()) {
      doc.on('afterTransaction', (tr: Y.Transaction) => {
        const meta = doc.getMap('meta');
        for (const [type, keys] of tr.changed) {
          if (!(type instanceof Y.Map) || type === meta) continue;
          for (const key of keys) {
            if (key === null) continue;
            this.written.delete(key);
            if (part === 'main') this.noteKey(key, groupMap(this.doc, 'when').has(key));
            this.dirtyUids.add(parseEventKey(key).uid);
          }
        }
        if (tr.changed.size > 0) this.onChange(this, tr.origin);
      });
    }
  }

  /**
   * Moves the details of private events that are still whole in `full` (written
   * before this device held `private`, e.g. a local calendar from before syncing)
   * into `private`, so they never reach the relay's `full` document.
   */
  splitPrivateEvents(): number {
    const privateDoc = this.privateDoc;
    if (!privateDoc) return 0;
    const keys: string[] = [];
    groupMap(this.doc, 'what').forEach((raw, key) => {
      // Runs on every load, where it almost always finds nothing: only entries
      // that may be private are parsed, not every entry of a big calendar.
      if (!mayBePrivate(raw)) return;
      const what = parseGroup('what', raw);
      if (what?.private && !isPrivateStub(what)) keys.push(key);
    });
    if (keys.length === 0) return 0;
    const events = keys.map((key) => [key, readEvent(this.doc, key)] as const);
    this.write(
      events.filter((e): e is readonly [string, CalendarEvent] => e[1] !== null).map(([key, ev]) => [key, { what: ev.what, who: ev.who, rem: ev.reminders }]),
      ORIGIN_MIGRATE,
    );
    return keys.length;
  }

  /** Rebuilds the uid -> override keys map from the whole document. */
  private indexKeys(): void {
    this.overrideKeys.clear();
    for (const key of groupMap(this.doc, 'when').keys()) this.noteKey(key, true);
  }

  private noteKey(key: string, present: boolean): void {
    const hash = key.indexOf('#');
    if (hash < 0) return;
    const uid = key.slice(0, hash);
    let set = this.overrideKeys.get(uid);
    if (present) {
      if (!set) this.overrideKeys.set(uid, (set = new Set()));
      set.add(key);
    } else if (set) {
      set.delete(key);
      if (set.size === 0) this.overrideKeys.delete(uid);
    }
  }

  /** The calendar's name as its document holds it; null when it holds none (projections). */
  storedName(): string | null {
    const name = this.doc.getMap('meta').get('name');
    return typeof name === 'string' ? name : null;
  }

  name(): string {
    return this.storedName() ?? 'Calendar';
  }

  /** An event with the details of a private one merged in from `private`. */
  read(key: string): CalendarEvent | null {
    return readMerged(this.doc, this.privateDoc, key);
  }

  master(uid: string): CalendarEvent | null {
    return this.read(uid);
  }

  overrides(uid: string): Map<string, CalendarEvent> {
    const out = new Map<string, CalendarEvent>();
    for (const key of this.overrideKeys.get(uid) ?? []) {
      const ev = this.read(key);
      if (ev?.recurrenceId) out.set(ev.recurrenceId, ev);
    }
    return out;
  }

  /**
   * Writes groups of events (null deletes the key): one transaction per document,
   * private details split off into `private` where this device holds it.
   */
  write(plan: Iterable<readonly [string, Partial<EventGroups> | null]>, origin: unknown): void {
    const entries = [...plan];
    this.writeDocs(entries, origin);
    // After the transactions: their own change notes would drop the entries again.
    if (!this.loaded) return;
    for (const [key, groups] of entries) {
      if (!groups?.when || !groups.what || !groups.who || !groups.rem) continue;
      const { uid, recurrenceId } = parseEventKey(key);
      this.written.set(key, { uid, recurrenceId, when: groups.when, what: groups.what, who: groups.who, reminders: groups.rem });
    }
  }

  /** A master and its changed occurrences for the index: just-written events as written, the rest read. */
  seriesForIndex(uid: string): { master: CalendarEvent | null; overrides: Map<string, CalendarEvent> } {
    const at = (key: string) => this.written.get(key) ?? this.read(key);
    const overrides = new Map<string, CalendarEvent>();
    for (const key of this.overrideKeys.get(uid) ?? []) {
      const ev = at(key);
      if (ev?.recurrenceId) overrides.set(ev.recurrenceId, ev);
    }
    return { master: at(uid), overrides };
  }

  /** Called once a flush has indexed what was written. */
  forgetWritten(): void {
    if (this.written.size > 0) this.written = new Map();
  }

  private writeDocs(entries: readonly (readonly [string, Partial<EventGroups> | null])[], origin: unknown): void {
    const privateDoc = this.privateDoc;
    if (!privateDoc) {
      this.doc.transact(() => {
        for (const [key, groups] of entries) {
          if (groups === null) deleteEventKey(this.doc, key);
          else writeEvent(this.doc, key, groups);
        }
      }, origin);
      return;
    }
    const mainWrites: [string, Partial<EventGroups> | null][] = [];
    const privateWrites: [string, Partial<EventGroups> | null][] = [];
    for (const [key, groups] of entries) {
      if (groups === null) {
        mainWrites.push([key, null]);
        if (groupMap(privateDoc, 'what').has(key) || groupMap(privateDoc, 'who').has(key) || groupMap(privateDoc, 'rem').has(key)) privateWrites.push([key, null]);
        continue;
      }
      const current = this.read(key);
      const what = groups.what ?? current?.what;
      const wasPrivate = groupMap(privateDoc, 'what').has(key);
      if (what?.private) {
        const who = groups.who ?? current?.who ?? EMPTY_WHO;
        const rem = groups.rem ?? current?.reminders ?? [];
        mainWrites.push([key, { ...(groups.when ? { when: groups.when } : {}), what: privateStub(what), who: EMPTY_WHO, rem: [] }]);
        privateWrites.push([key, { what, who, rem }]);
      } else {
        const moveBack = wasPrivate && current ? { what: current.what, who: current.who, rem: current.reminders } : {};
        mainWrites.push([key, { ...moveBack, ...groups }]);
        if (wasPrivate) privateWrites.push([key, null]);
      }
    }
    this.doc.transact(() => {
      for (const [key, groups] of mainWrites) {
        if (groups === null) deleteEventKey(this.doc, key);
        else writeEvent(this.doc, key, groups);
      }
    }, origin);
    if (privateWrites.length > 0) {
      privateDoc.transact(() => {
        for (const [key, groups] of privateWrites) {
          if (groups === null) deleteEventKey(privateDoc, key);
          else writeEvent(privateDoc, key, groups);
        }
      }, origin);
    }
  }

  /**
   * The master and changed occurrences of a UID as they were before the changes
   * in `oldWhen`. Only times matter to the caller (which index days held the UID),
   * so the other groups are read as they are now.
   */
  previous(uid: string, oldWhen: ReadonlyMap<string, string | undefined>): { master: CalendarEvent | null; overrides: Map<string, CalendarEvent> } {
    const keys = new Set(this.keysOf(uid));
    for (const key of oldWhen.keys()) if (parseEventKey(key).uid === uid) keys.add(key);
    const at = (key: string): CalendarEvent | null => {
      const now = this.read(key);
      if (!oldWhen.has(key)) return now;
      const when = parseGroup('when', oldWhen.get(key));
      if (!when) return null;
      const { recurrenceId } = parseEventKey(key);
      return now ? { ...now, when } : { uid, recurrenceId, when, what: { title: '', location: '', description: '', categories: [], showAs: 'busy', private: false }, who: { organizer: null, attendees: [] }, reminders: [] };
    };
    const overrides = new Map<string, CalendarEvent>();
    for (const key of keys) {
      if (key === uid) continue;
      const ev = at(key);
      if (ev?.recurrenceId) overrides.set(ev.recurrenceId, ev);
    }
    return { master: at(uid), overrides };
  }

  keysOf(uid: string): string[] {
    return [uid, ...(this.overrideKeys.get(uid) ?? [])];
  }

  /** Every master UID (entries without '#'). */
  *uids(): Iterable<string> {
    for (const key of groupMap(this.doc, 'when').keys()) if (!key.includes('#')) yield key;
  }

  /** Every stored event key (masters and changed occurrences). */
  keys(): string[] {
    return [...groupMap(this.doc, 'when').keys()];
  }

  takePending(): PendingChanges {
    const out = { updates: this.pendingUpdates, dirtyUids: [...this.dirtyUids], oldWhen: this.oldWhen };
    this.pendingUpdates = [];
    this.dirtyUids = new Set();
    this.oldWhen = new Map();
    return out;
  }

  /** Puts back changes whose write failed, ahead of anything newer. */
  requeue(pending: PendingChanges): void {
    this.pendingUpdates.unshift(...pending.updates);
    for (const uid of pending.dirtyUids) this.dirtyUids.add(uid);
    // The older "before" value wins: it is what the index still holds.
    for (const [key, value] of pending.oldWhen) this.oldWhen.set(key, value);
  }

  destroy(): void {
    this.undo.destroy();
    this.privateUndo?.destroy();
    this.doc.destroy();
    this.privateDoc?.destroy();
  }
}

/**
 * Reads one event from a `full` document, merging in a private event's details
 * from the `private` document when one is given. Also used on server copies when
 * looking for refused edits.
 */
export function readMerged(full: Y.Doc, privateDoc: Y.Doc | null, key: string): CalendarEvent | null {
  const ev = readEvent(full, key);
  if (!ev || !privateDoc || !ev.what.private) return ev;
  const what = parseGroup('what', groupMap(privateDoc, 'what').get(key));
  if (!what) return ev;
  return { ...ev, what, who: parseGroup('who', groupMap(privateDoc, 'who').get(key)) ?? EMPTY_WHO, reminders: parseGroup('rem', groupMap(privateDoc, 'rem').get(key)) ?? [] };
}
