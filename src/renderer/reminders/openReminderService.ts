import type * as Y from 'yjs';
import { MAX_SCHEDULED_REMINDERS, type ScheduledReminder } from '../../shared/ipc/ScheduledReminder';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { ReminderInstance, ReminderOccurrence } from '../../shared/reminders/ReminderOccurrence';
import type { ReminderState } from '../../shared/reminders/ReminderState';
import { scheduleReminders, type Schedule } from '../../shared/reminders/scheduleReminders';
import { snoozeUntil } from '../../shared/reminders/snoozeUntil';
import { notificationKey, splitNewlyDue } from '../../shared/reminders/splitNewlyDue';
import { systemZone } from '../../shared/time/systemZone';
import type { Platform } from '../platform/Platform';
import type { CalendarStore, OccurrenceRow } from '../replica/CalendarStore';
import type { ReplicaBinding } from '../replica/ReplicaBinding';
import { acquireLeadership, type Leadership } from '../sync/withLock';
import { describeReminder } from './describeReminder';
import {
  observeReminderOverlay,
  pruneOverlayStates,
  readMutedCalendars,
  readPersonalReminder,
  readPersonalReminders,
  readReminderStates,
  writePersonalReminder,
  writeReminderStates,
  writeShowReminders,
} from './reminderOverlay';
import type { ReminderService, ReminderSnapshot } from './ReminderService';

/** What the service needs of the replica store (ReplicaStoreApi has all of it). */
export interface ReminderStoreApi extends Pick<CalendarStore, 'calendars' | 'settings' | 'subscribe' | 'queryRange'> {
  readonly dbName: string;
  readonly overlayDoc: Y.Doc;
  binding(calendarId: string): ReplicaBinding | null;
  readValue(key: string): Promise<unknown>;
  writeValue(key: string, value: unknown): Promise<void>;
}

export interface ReminderServiceOptions {
  store: ReminderStoreApi;
  platform: Pick<Platform, 'notify' | 'scheduleReminders'>;
  /** Profile name, for the desktop side's stored schedule. */
  profile: string;
  now?: () => number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** What is handed to the desktop side and listed as upcoming. */
const HORIZON_MS = 2 * DAY;
/** Longest reminder the model allows (remindersSchema): occurrences this far past the horizon can fire inside it. */
const MAX_LEAD_MS = 28 * DAY;
/** Missed reminders older than this are not brought up any more. */
const LOOKBACK_MS = 7 * DAY;
/** Checks at least this often, so a timer delayed by sleep is noticed (timer drift). */
const TICK_MS = 30_000;
/** A tick this much later than planned means the machine slept: re-read and report what was missed. */
const DRIFT_MS = 60_000;
const SINCE_KEY = 'reminders.since';
const SHOWN_KEY = 'reminders.shown';

/**
 * Opens the reminder service of one window. Every window computes the list (for
 * its badge and Reminders window); only the one holding the Web Lock
 * `tessera-reminders:<db>` notifies and asks the Reminders window to open, so a
 * reminder is never shown once per window.
 */
export async function openReminderService(options: ReminderServiceOptions): Promise<ReminderService> {
  const service = new Reminders(options);
  await service.start();
  return service;
}

class Reminders implements ReminderService {
  private readonly store: ReminderStoreApi;
  private readonly doc: Y.Doc;
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();
  private rows: OccurrenceRow[] = [];
  private rowsTo = 0;
  private schedule: Schedule = { due: [], upcoming: [] };
  private current: ReminderSnapshot = { due: [], upcoming: [], openRequests: 0 };
  private sinceMs = 0;
  private shown = new Set<string>();
  private leader = false;
  private leadership: Leadership | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private requery: ReturnType<typeof setTimeout> | null = null;
  private lastTickMs = 0;
  private lastSent = '';
  private closed = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly options: ReminderServiceOptions) {
    this.store = options.store;
    this.doc = options.store.overlayDoc;
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    const now = this.now();
    // A profile's first run starts the clock: a new device does not dig up a week of old reminders.
    const since = await this.store.readValue(SINCE_KEY);
    if (typeof since === 'number' && Number.isFinite(since)) this.sinceMs = since;
    else {
      this.sinceMs = now;
      await this.store.writeValue(SINCE_KEY, now);
    }
    const shown = await this.store.readValue(SHOWN_KEY);
    if (Array.isArray(shown)) this.shown = new Set(shown.filter((k): k is string => typeof k === 'string'));
    this.unsubscribe.push(this.store.subscribe(() => this.scheduleRequery()));
    this.unsubscribe.push(observeReminderOverlay(this.doc, () => this.recompute()));
    await this.reload();
    this.lastTickMs = this.now();
    this.armTimer();
    this.leadership = acquireLeadership(`tessera-reminders:${this.store.dbName}`, () => {
      if (this.closed) return;
      this.leader = true;
      pruneOverlayStates(this.doc, this.now());
      // Learn whether the desktop side fires before firing anything, so nothing shows twice.
      void this.handOver().then(() => {
        this.handed = true;
        this.recompute();
      });
    });
  }

  // ---- reading -------------------------------------------------------------

  snapshot(): ReminderSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  levelOf(calendarId: string): PermissionLevel {
    // The binding, not the sync service: it is on the device before any relay answers, so a
    // shared calendar is never mistaken for an own one (and its owner's reminders never fire here).
    return this.store.binding(calendarId)?.level ?? 'owner';
  }

  personalReminder(calendarId: string, eventKey: string): number[] {
    return readPersonalReminder(this.doc, calendarId, eventKey);
  }

  showReminders(calendarId: string): boolean {
    return !readMutedCalendars(this.doc).has(calendarId);
  }

  // ---- writing (the overlay; its observer recomputes) ------------------------

  setPersonalReminder(calendarId: string, eventKey: string, minutes: readonly number[]): Promise<void> {
    writePersonalReminder(this.doc, calendarId, eventKey, minutes);
    return Promise.resolve();
  }

  setShowReminders(calendarId: string, show: boolean): Promise<void> {
    writeShowReminders(this.doc, calendarId, show);
    return Promise.resolve();
  }

  dismiss(ids: readonly string[]): Promise<void> {
    const at = this.now();
    writeReminderStates(
      this.doc,
      ids.map((id) => [id, { dismissedAt: at }] as const),
    );
    return Promise.resolve();
  }

  snooze(ids: readonly string[], minutes: number): Promise<void> {
    let until: number;
    try {
      until = snoozeUntil(this.now(), minutes);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    writeReminderStates(
      this.doc,
      ids.map((id) => [id, { snoozedUntil: until } satisfies ReminderState] as const),
    );
    return Promise.resolve();
  }

  close(): void {
    this.closed = true;
    this.leadership?.release();
    this.unsubscribe.forEach((u) => u());
    if (this.timer) clearTimeout(this.timer);
    if (this.requery) clearTimeout(this.requery);
    this.listeners.clear();
  }

  // ---- computing -------------------------------------------------------------

  private zone(): string {
    return this.store.settings().displayZone ?? systemZone();
  }

  private scheduleRequery(): void {
    if (this.closed || this.requery) return;
    // Edits come in bursts (typing, a sync catching up): read the index once per burst.
    this.requery = setTimeout(() => {
      this.requery = null;
      void this.reload();
    }, 300);
  }

  /** Reads the occurrences that can remind between the look-back and the horizon from the derived index. */
  private async reload(): Promise<void> {
    if (this.closed) return;
    const now = this.now();
    const from = this.since(now) - DAY;
    const to = now + HORIZON_MS + MAX_LEAD_MS;
    const ids = this.store.calendars().map((c) => c.id);
    try {
      this.rows = await this.store.queryRange(from, to, ids);
      this.rowsTo = now + HORIZON_MS;
    } catch (err) {
      console.warn('Reminders could not read the calendars:', err);
    }
    this.recompute();
  }

  private since(now: number): number {
    return Math.max(this.sinceMs, now - LOOKBACK_MS);
  }

  private recompute(): void {
    if (this.closed) return;
    const now = this.now();
    const own = new Set<string>();
    for (const c of this.store.calendars()) if (this.levelOf(c.id) === 'owner') own.add(c.id);
    this.schedule = scheduleReminders({
      occurrences: this.rows.map(toOccurrence),
      personal: readPersonalReminders(this.doc),
      states: readReminderStates(this.doc),
      ownCalendars: own,
      muted: readMutedCalendars(this.doc),
      zone: this.zone(),
      nowMs: now,
      sinceMs: this.since(now),
      untilMs: now + HORIZON_MS,
    });
    let openRequests = this.current.openRequests;
    if (this.leader && this.handed && this.fire(now)) openRequests += 1;
    this.current = { due: this.schedule.due, upcoming: this.schedule.upcoming, openRequests };
    void this.handOver();
    this.armTimer();
    this.listeners.forEach((l) => l());
  }

  /** Notifies of what became due; true when the Reminders window should come up. */
  private fire(now: number): boolean {
    const { onTime, missed } = splitNewlyDue(this.schedule.due, this.shown, now);
    if (onTime.length === 0 && missed.length === 0) return false;
    for (const r of [...onTime, ...missed]) this.shown.add(notificationKey(r));
    // Forget what is no longer due (dismissed, or its snooze moved it), so the set stays small.
    const dueKeys = new Set(this.schedule.due.map(notificationKey));
    this.shown = new Set([...this.shown].filter((k) => dueKeys.has(k)));
    void this.store.writeValue(SHOWN_KEY, [...this.shown]);
    if (!this.desktopFires) {
      for (const r of onTime) {
        const { title, body } = describeReminder(r, now, this.zone());
        void this.options.platform.notify(title, body);
      }
      if (missed.length > 0) {
        const names = missed.slice(0, 5).map((r) => r.title || '(No title)');
        const more = missed.length > 5 ? ` and ${missed.length - 5} more` : '';
        void this.options.platform.notify(missed.length === 1 ? 'Missed reminder' : `${missed.length} missed reminders`, `${names.join(', ')}${more}`);
      }
    }
    return true;
  }

  private desktopFires = false;
  private handed = false;

  /** The desktop app's main process keeps its own timers, so reminders show with every window closed. */
  private async handOver(): Promise<void> {
    if (!this.leader) return;
    const now = this.now();
    const items: ScheduledReminder[] = [...this.schedule.due, ...this.schedule.upcoming]
      .filter((r) => notificationKey(r).length <= 1_200)
      .slice(0, MAX_SCHEDULED_REMINDERS)
      .map((r) => {
        const { title, body } = describeReminder(r, now, this.zone());
        return { key: notificationKey(r), title: title.slice(0, 256), body: body.slice(0, 1_000), dueAtMs: r.dueAtMs };
      });
    const json = JSON.stringify(items.map((i) => [i.key, i.title]));
    if (json === this.lastSent) return;
    this.lastSent = json;
    this.desktopFires = await this.options.platform.scheduleReminders(this.options.profile, items);
  }

  private armTimer(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    const now = this.now();
    const next = this.schedule.upcoming[0]?.dueAtMs ?? Infinity;
    const wait = Math.max(0, Math.min(TICK_MS, next - now));
    this.timer = setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    this.timer = null;
    const now = this.now();
    const late = now - this.lastTickMs > TICK_MS + DRIFT_MS;
    this.lastTickMs = now;
    // Asleep (timer drift) or the horizon moved on: read the index again; else just recompute.
    if (late || now + HORIZON_MS - this.rowsTo > 60 * MINUTE) void this.reload();
    else this.recompute();
  }
}

function toOccurrence(row: OccurrenceRow): ReminderOccurrence {
  return {
    calendarId: row.calendarId,
    key: row.key,
    uid: row.uid,
    recurrenceId: row.recurrenceId,
    start: row.start,
    tzid: row.tzid,
    allDay: row.allDay,
    startMs: row.startMs,
    title: row.title,
    location: row.location,
    // Rows stored before reminders were indexed have none; the index version bump rebuilds them.
    reminders: Array.isArray(row.reminders) ? row.reminders : [],
  };
}

export type { ReminderInstance };
