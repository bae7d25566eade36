import type * as Y from 'yjs';
import type { CalendarReplica } from './CalendarReplica';
import type { ReplicaBinding } from './ReplicaBinding';
import type { SyncStateRow, UnsavedRow } from './TesseraDb';

/** Transaction origin of states fetched from the relay and applied by the engine itself. */
export const ORIGIN_REMOTE = Symbol('remote');

/**
 * What the sync engine (src/renderer/sync) needs of the replica engine, beside
 * the UI's CalendarStore. Every change from the relay goes into the same
 * documents the UI reads, so it is stored, indexed and posted to other windows
 * by the same code as an edit from another window; nothing here bypasses that.
 */
export interface ReplicaHost {
  /** IndexedDB database (one per profile); also names the profile's locks and channels. */
  readonly dbName: string;
  /** Stored name of the person's overlay document, synced with `user/<id>`. */
  readonly overlayDocName: string;
  readonly overlayDoc: Y.Doc;

  /**
   * Opens a document stored like the others but not indexed (the inbox), loading
   * it from IndexedDB; the same object on every call.
   */
  openPlainDoc(docName: string): Promise<Y.Doc>;
  /** Marks the transaction origin of a provider: its updates came from the relay, so they are not pending. */
  markRemoteOrigin(origin: object): void;

  /** Calendars in the person's overlay that this window has open. */
  calendarIds(): string[];
  /** Every calendar the overlay lists, including ones this window is still opening. */
  overlayCalendarIds(): string[];
  /** The stored name of a calendar (its document's, else the overlay's cache). */
  calendarName(calendarId: string): string;
  binding(calendarId: string): ReplicaBinding | null;
  /** The calendar's replica once its documents are loaded; null when it is not on this device. */
  loadedReplica(calendarId: string): Promise<CalendarReplica | null>;
  /** Bumped whenever the replica object of a calendar is replaced (rebind, reset, another window's reset). */
  generation(calendarId: string): number;

  /**
   * Changes what this device holds of a calendar: writes the binding, deletes the
   * documents it no longer allows (and their index), reopens the replica in every
   * window. Documents still allowed keep their data.
   */
  rebind(calendarId: string, binding: ReplicaBinding): Promise<void>;
  /**
   * A replica reset: replaces every document of the calendar by the given states
   * (docName -> update) in one transaction, forgets pending changes, and reopens
   * the replica with new Y.Docs (new client ids) in every window.
   */
  resetCalendar(calendarId: string, binding: ReplicaBinding, states: ReadonlyMap<string, Uint8Array>): Promise<void>;
  /** Adds a calendar to the overlay (an accepted share, an owned calendar made elsewhere). */
  addCalendar(calendarId: string, name: string, binding: ReplicaBinding): Promise<void>;
  /** Marks a calendar in the overlay as on the relay, so no device uploads it again as its own. */
  markOnRelay(calendarId: string): Promise<void>;
  /** The overlay's entry for a calendar: colour, hidden, cached name, and flags. */
  overlayEntry(calendarId: string): { auto?: boolean; relay?: boolean } | null;
  /** Removes a calendar from the overlay (so from all the person's devices) and deletes its local data. */
  forgetCalendar(calendarId: string): Promise<void>;
  /**
   * Called before a calendar's data is deleted because it left the overlay, so
   * unconfirmed edits can be kept as unsaved changes first.
   */
  setBeforeForget(hook: ((calendarId: string) => Promise<void>) | null): void;

  /** Ids of this document's local changes not yet confirmed by the relay whose content this window holds. */
  pendingIds(docName: string): number[];
  /** The relay confirmed these changes: drops them from the outbox and records the state it holds. */
  confirm(docName: string, ids: readonly number[], confirmedSv: Uint8Array | null, at: number): Promise<void>;
  syncState(docName: string): Promise<SyncStateRow | null>;
  /** Event keys whose current value this device wrote and the relay has not confirmed. */
  unconfirmedKeys(calendarId: string): Promise<Set<string>>;

  addUnsaved(rows: readonly UnsavedRow[]): Promise<void>;
  listUnsaved(): Promise<UnsavedRow[]>;
  deleteUnsaved(id: string): Promise<void>;

  readValue(key: string): Promise<unknown>;
  writeValue(key: string, value: unknown): Promise<void>;
}
