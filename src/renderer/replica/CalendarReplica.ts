import * as Y from 'yjs';
import { parseEventKey, type CalendarEvent } from '../../shared/model/CalendarEvent';
import { GROUPS, groupMap, readEvent } from '../../shared/model/eventDocument';

/** Transaction origins, so persistence knows what it already holds. */
export const ORIGIN_LOAD = Symbol('load');
export const ORIGIN_OTHER_WINDOW = Symbol('other-window');
export const ORIGIN_LOCAL = Symbol('local');

/**
 * One calendar's document in memory, with the bookkeeping the index needs: which
 * keys belong to which UID (so a series and its changed occurrences are re-indexed
 * together without scanning the document) and which UIDs changed since the last
 * flush.
 */
export class CalendarReplica {
  readonly doc = new Y.Doc();
  readonly undo: Y.UndoManager;
  /** uid -> keys of its changed occurrences (`<uid>#<rid>`). */
  private readonly overrideKeys = new Map<string, Set<string>>();
  private readonly dirtyUids = new Set<string>();
  private readonly pendingUpdates: Uint8Array[] = [];

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
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Updates from another window or from loading are already in IndexedDB.
      if (origin !== ORIGIN_LOAD && origin !== ORIGIN_OTHER_WINDOW) this.pendingUpdates.push(update);
    });
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      let touched = false;
      for (const [type, keys] of tr.changed) {
        if (!(type instanceof Y.Map) || type === this.doc.getMap('meta')) continue;
        for (const key of keys) {
          if (key === null) continue;
          touched = true;
          this.noteKey(key, groupMap(this.doc, 'when').has(key));
          if (tr.origin !== ORIGIN_LOAD) this.dirtyUids.add(parseEventKey(key).uid);
        }
      }
      if (touched || tr.changed.size > 0) this.onChange(this, tr.origin);
    });
  }

  /** Rebuilds the uid -> override keys map after a bulk load. */
  indexKeys(): void {
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

  keysOf(uid: string): string[] {
    return [uid, ...(this.overrideKeys.get(uid) ?? [])];
  }

  /** Every master UID (entries without '#'). */
  *uids(): Iterable<string> {
    for (const key of groupMap(this.doc, 'when').keys()) if (!key.includes('#')) yield key;
  }

  takePending(): { updates: Uint8Array[]; dirtyUids: string[] } {
    const updates = this.pendingUpdates.splice(0);
    const dirtyUids = [...this.dirtyUids];
    this.dirtyUids.clear();
    return { updates, dirtyUids };
  }

  /** Puts back changes whose write failed, ahead of anything newer. */
  requeue(updates: Uint8Array[], uids: string[]): void {
    this.pendingUpdates.unshift(...updates);
    for (const uid of uids) this.dirtyUids.add(uid);
  }

  destroy(): void {
    this.undo.destroy();
    this.doc.destroy();
  }
}
