import type { CalendarEvent } from '../../shared/model/CalendarEvent';
import { expandSeries } from '../../shared/recurrence/expandSeries';
import { localToEpoch } from '../../shared/time/localToEpoch';
import type { IndexRow } from './TesseraDb';

/** Range of series occurrences held in the index; singles are always indexed. */
export interface IndexWindow {
  fromMs: number;
  toMs: number;
}

/**
 * Index rows of one UID: a single event, or the occurrences of a series (with its
 * changed occurrences applied) that fall in the window. Floating and all-day times
 * are placed as if in UTC; the query moves them into the display zone.
 */
export function buildRows(calendarId: string, master: CalendarEvent, overrides: ReadonlyMap<string, CalendarEvent>, window: IndexWindow): IndexRow[] {
  const floating = master.when.allDay || master.when.tzid === null;
  if (!master.when.rrule && master.when.rdates.length === 0) {
    const startMs = localToEpoch(master.when.start, master.when.tzid, 'UTC');
    const endMs = localToEpoch(master.when.end, master.when.tzid, 'UTC');
    return [toRow(calendarId, master, null, master.when.start, master.when.end, startMs, endMs, floating, false)];
  }
  const overrideWhens = new Map<string, CalendarEvent['when']>();
  for (const [rid, ev] of overrides) overrideWhens.set(rid, ev.when);
  const instances = expandSeries(master.when, overrideWhens, { fromMs: window.fromMs, toMs: window.toMs }, 'UTC');
  const rows: IndexRow[] = [];
  for (const inst of instances) {
    const source = (inst.recurrenceId !== null && overrides.get(inst.recurrenceId)) || master;
    rows.push(toRow(calendarId, source, inst.recurrenceId, inst.start, inst.end, inst.startMs, inst.endMs, floating, true, master.uid));
  }
  return rows;
}

function toRow(
  calendarId: string,
  ev: CalendarEvent,
  recurrenceId: string | null,
  start: string,
  end: string,
  startMs: number,
  endMs: number,
  floating: boolean,
  recurring: boolean,
  uid = ev.uid,
): IndexRow {
  return {
    calendarId,
    rowId: `${uid}|${recurrenceId ?? ''}`,
    key: ev.recurrenceId === null ? uid : `${uid}#${ev.recurrenceId}`,
    uid,
    recurrenceId,
    startMs,
    endMs,
    start,
    end,
    tzid: ev.when.tzid,
    allDay: ev.when.allDay,
    floating,
    title: ev.what.title,
    location: ev.what.location,
    showAs: ev.what.showAs,
    private: ev.what.private,
    categories: ev.what.categories,
    recurring,
    hasReminders: ev.reminders.length > 0,
    reminders: ev.reminders,
  };
}
