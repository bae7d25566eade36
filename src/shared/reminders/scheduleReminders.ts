import { localToEpoch } from '../time/localToEpoch';
import type { ReminderInstance, ReminderOccurrence } from './ReminderOccurrence';
import { personalReminderKey, type ReminderState } from './ReminderState';
import { reminderInstanceId } from './reminderInstanceId';

export interface ScheduleInput {
  occurrences: Iterable<ReminderOccurrence>;
  /** `<calendarId>|<eventKey>` -> minutes: the person's reminders on other people's items. */
  personal: ReadonlyMap<string, readonly number[]>;
  /** Instance id -> dismissed or snoozed. */
  states: ReadonlyMap<string, ReminderState>;
  /** Calendars the person owns: only these remind with the owner's reminders. */
  ownCalendars: ReadonlySet<string>;
  /** Own calendars whose "show reminders" switch is off. */
  muted: ReadonlySet<string>;
  /** The person's zone: all-day and floating items remind relative to local midnight / wall time here. */
  zone: string;
  nowMs: number;
  /** Earliest fire time still reported: anything due since then and not dismissed was missed (asleep, closed). */
  sinceMs: number;
  /** End of the look-ahead: upcoming instances fire in (now, until]. */
  untilMs: number;
}

export interface Schedule {
  /** Due or overdue (missed included), oldest first. */
  due: ReminderInstance[];
  /** Firing later inside the window, soonest first. */
  upcoming: ReminderInstance[];
}

/**
 * The person's reminder instances around now (DESIGN.md, Reminders): the owner's
 * reminders on calendars they own (unless muted), and only their personal
 * reminder on anyone else's. One pass over the occurrences, no sorting of
 * anything but the few instances found, so 50,000 events cost a few ms.
 */
export function scheduleReminders(input: ScheduleInput): Schedule {
  const { personal, states, ownCalendars, muted, zone, nowMs, sinceMs, untilMs } = input;
  const due: ReminderInstance[] = [];
  const upcoming: ReminderInstance[] = [];
  // Personal reminders are few; skip the map lookups entirely for the common case.
  const anyPersonal = personal.size > 0;
  for (const occ of input.occurrences) {
    const own = ownCalendars.has(occ.calendarId);
    let minutesList: readonly number[] | undefined;
    let source: ReminderInstance['source'];
    if (own) {
      if (occ.reminders.length === 0 || muted.has(occ.calendarId)) continue;
      minutesList = occ.reminders;
      source = 'owner';
    } else {
      if (!anyPersonal) continue;
      minutesList = personal.get(personalReminderKey(occ.calendarId, occ.key)) ?? (occ.key === occ.uid ? undefined : personal.get(personalReminderKey(occ.calendarId, occ.uid)));
      if (!minutesList || minutesList.length === 0) continue;
      source = 'personal';
    }
    let startMs = occ.startMs;
    if (occ.allDay || occ.tzid === null) {
      try {
        startMs = localToEpoch(occ.start, null, zone);
      } catch {
        continue;
      }
    }
    for (const minutes of minutesList) {
      const fireAtMs = startMs - minutes * 60_000;
      // Cheap reject before building an id: a snooze can only move a reminder later.
      if (fireAtMs > untilMs) continue;
      const id = reminderInstanceId(occ.calendarId, occ.uid, occ.start, minutes);
      const state = states.get(id);
      if (state && 'dismissedAt' in state) continue;
      const snoozed = state !== undefined && 'snoozedUntil' in state && state.snoozedUntil > fireAtMs;
      const dueAtMs = snoozed ? (state as { snoozedUntil: number }).snoozedUntil : fireAtMs;
      // Before the cut-off only when the item itself began before it too: an item
      // created 10 minutes ahead with a 30-minute reminder is due at once (Outlook
      // does the same), even on a device that first ran a minute ago.
      if ((dueAtMs < sinceMs && startMs < sinceMs) || dueAtMs > untilMs) continue;
      const instance: ReminderInstance = {
        id,
        calendarId: occ.calendarId,
        key: occ.key,
        uid: occ.uid,
        recurrenceId: occ.recurrenceId,
        title: occ.title,
        location: occ.location,
        start: occ.start,
        allDay: occ.allDay,
        startMs,
        minutes,
        fireAtMs,
        dueAtMs,
        snoozed,
        source,
      };
      (dueAtMs <= nowMs ? due : upcoming).push(instance);
    }
  }
  const byDue = (a: ReminderInstance, b: ReminderInstance) => a.dueAtMs - b.dueAtMs || a.startMs - b.startMs || a.id.localeCompare(b.id);
  due.sort(byDue);
  upcoming.sort(byDue);
  return { due, upcoming };
}

