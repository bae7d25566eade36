import type * as Y from 'yjs';
import { z } from 'zod';
import { personalReminderKey, personalRemindersSchema, reminderStateSchema, type ReminderState } from '../../shared/reminders/ReminderState';
import { pruneReminderStates } from '../../shared/reminders/pruneReminderStates';
import { ORIGIN_LOCAL } from '../replica/CalendarReplica';

/*
 * The person's reminder data in their overlay document (`user/local`, synced
 * with the relay's `user/<id>` on all their devices and nobody else's). Three
 * maps of JSON strings, parsed with zod on every read: a damaged entry is
 * skipped, never trusted.
 *   personalReminders  `<calendarId>|<eventKey>` -> minutes[]  (others' items)
 *   reminderStates     instance id -> {dismissedAt} | {snoozedUntil}
 *   showReminders      calendarId -> false (own calendars muted; absent = on)
 */

export const PERSONAL_REMINDERS = 'personalReminders';
export const REMINDER_STATES = 'reminderStates';
export const SHOW_REMINDERS = 'showReminders';

const showSchema = z.boolean();

function parsed<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  if (raw === undefined) return null;
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

export function readPersonalReminders(doc: Y.Doc): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [key, raw] of doc.getMap<string>(PERSONAL_REMINDERS)) {
    const minutes = parsed(personalRemindersSchema, raw);
    if (minutes && minutes.length > 0) out.set(key, minutes);
  }
  return out;
}

export function readPersonalReminder(doc: Y.Doc, calendarId: string, eventKey: string): number[] {
  return parsed(personalRemindersSchema, doc.getMap<string>(PERSONAL_REMINDERS).get(personalReminderKey(calendarId, eventKey))) ?? [];
}

/** An empty list removes the entry: "none" is the default and costs nothing to sync. */
export function writePersonalReminder(doc: Y.Doc, calendarId: string, eventKey: string, minutes: readonly number[]): void {
  const clean = personalRemindersSchema.parse([...new Set(minutes)].sort((a, b) => a - b));
  const map = doc.getMap<string>(PERSONAL_REMINDERS);
  const key = personalReminderKey(calendarId, eventKey);
  doc.transact(() => {
    if (clean.length === 0) map.delete(key);
    else if (map.get(key) !== JSON.stringify(clean)) map.set(key, JSON.stringify(clean));
  }, ORIGIN_LOCAL);
}

export function readReminderStates(doc: Y.Doc): Map<string, ReminderState> {
  const out = new Map<string, ReminderState>();
  for (const [id, raw] of doc.getMap<string>(REMINDER_STATES)) {
    const state = parsed(reminderStateSchema, raw);
    if (state) out.set(id, state);
  }
  return out;
}

/** One transaction for any number of instances ("Dismiss all" is one change on every device). */
export function writeReminderStates(doc: Y.Doc, entries: readonly (readonly [string, ReminderState])[]): void {
  const map = doc.getMap<string>(REMINDER_STATES);
  const checked = entries.map(([id, state]) => [id, JSON.stringify(reminderStateSchema.parse(state))] as const);
  doc.transact(() => {
    for (const [id, json] of checked) map.set(id, json);
  }, ORIGIN_LOCAL);
}

/** Drops dismissals and snoozes too old to matter; returns how many went. */
export function pruneOverlayStates(doc: Y.Doc, nowMs: number): number {
  const stale = pruneReminderStates(readReminderStates(doc), nowMs);
  const map = doc.getMap<string>(REMINDER_STATES);
  // Damaged entries go too: nothing can read them.
  const damaged = [...map.keys()].filter((id) => parsed(reminderStateSchema, map.get(id)) === null);
  const gone = [...stale, ...damaged];
  if (gone.length > 0) doc.transact(() => gone.forEach((id) => map.delete(id)), ORIGIN_LOCAL);
  return gone.length;
}

export function readMutedCalendars(doc: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const [id, raw] of doc.getMap<string>(SHOW_REMINDERS)) if (parsed(showSchema, raw) === false) out.add(id);
  return out;
}

export function writeShowReminders(doc: Y.Doc, calendarId: string, show: boolean): void {
  const map = doc.getMap<string>(SHOW_REMINDERS);
  doc.transact(() => {
    if (show) map.delete(calendarId);
    else map.set(calendarId, 'false');
  }, ORIGIN_LOCAL);
}

/** Observes the three maps; returns an unsubscribe. */
export function observeReminderOverlay(doc: Y.Doc, listener: () => void): () => void {
  const maps = [doc.getMap<string>(PERSONAL_REMINDERS), doc.getMap<string>(REMINDER_STATES), doc.getMap<string>(SHOW_REMINDERS)];
  maps.forEach((m) => m.observe(listener));
  return () => maps.forEach((m) => m.unobserve(listener));
}
