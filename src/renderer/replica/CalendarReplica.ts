import * as Y from 'yjs';
import { parseEventKey, type CalendarEvent } from '../../shared/model/CalendarEvent';
import { GROUPS, groupMap, parseGroup, readEvent } from '../../shared/model/eventDocument';

/** Transaction origins, so persistence knows what it already holds. */
export const ORIGIN_LOAD = Symbol('load');
export const ORIGIN_OTHER_WINDOW = Symbol('other-window');
export const ORIGIN_LOCAL = Symbol('local');

/** What changed in a replica since the last flush. */
export interface PendingChanges {
  updates: Uint8Array[];
  dirtyUids: string[];
  /** Stored `when` JSON of each changed key before its first change (undefined: it did not exist). */
  oldWhen: Map<string, string | undefined>;
}

/**
 * One calendar's document in memory, with the bookkeeping the index needs: which
 * keys belong to which UID (so a series and its changed occurrences are re-indexed
 * together without scanning the document), which UIDs changed since the last
 * flush, and where they were before (so their old index rows can be found).
 */
export class CalendarReplica {
  readonly doc = new Y.Doc();
  readonly undo: Y.UndoManager;
  /** Settles when the stored document has been applied; set by the store. */
  ready: Promise<void> = Promise.resolve();
  /** True once the stored document is applied and changes are tracked. */
  loaded = false;
  /** uid -> keys of its changed occurrences (`<uid>#<rid>`). */
  private readonly overrideKeys = new Map<string, Set<string>>();
  private dirtyUids = new Set<string>();
  private pendingUpdates: Uint8Array[] = [];
  private oldWhen = new Map<string, string | undefined>();

  constructor(
    readonly calendarId: string,
    private readonly onChange: (replica: CalendarReplica, origin: unknown) => void,
  ) {
    this.undo = new Y.UndoManager(GROUPS.map((g) => groupMap(this.doc, g)), {
      trackedOrigins: new Set([ORIGIN_LOCAL]),
      // Each user action is one transaction; merging nearby ones would make undo
      // take back more than the person did.
      captureTimeout: 0,
    });
  }

  /**
   * Starts tracking changes. Called after the stored state is applied: with an
   * 'update' listener present, Yjs re-encodes the whole loaded state for it, which
   * measured as doubling the load time of a 50,000-event calendar.
   */
  attach(): void {
    this.loaded = true;
    this.indexKeys();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Updates from another window are already in IndexedDB.
      if (origin !== ORIGIN_OTHER_WINDOW) this.pendingUpdates.push(update);
    });
    groupMap(this.doc, 'when').observe((ev) => {
      for (const [key, change] of ev.changes.keys) {
        if (!this.oldWhen.has(key)) this.oldWhen.set(key, change.action === 'add' ? undefined : (change.oldValue as string));
      }
    });
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      const meta = this.doc.getMap('meta');
      for (const [type, keys] of tr.changed) {
        if (!(type instanceof Y.Map) || type === meta) continue;
        for (const key of keys) {
          if (key === null) continue;
          this.noteKey(key, groupMap(this.doc, 'when').has(key));
          this.dirtyUids.add(parseEventKey(key).uid);
        }
      }
      if (tr.changed.size > 0) this.onChange(this, tr.origin);
    });
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

  name(): string {
    const name = this.doc.getMap('meta').get('name');
    return typeof name === 'string' ? name : 'Calendar';
  }

  master(uid: string): CalendarEvent | null {
    return readEvent(this.doc, uid);
  }

  overrides(uid: string): Map<string, CalendarEvent> {
    const out = new Map<string, CalendarEvent>();
    for (const key of this.overrideKeys.get(uid) ?? []) {
      const ev = readEvent(this.doc, key);
      if (ev?.recurrenceId) out.set(ev.recurrenceId, ev);
    }
    return out;
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
      const now = readEvent(this.doc, key);
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
    this.doc.destroy();
  }
}
