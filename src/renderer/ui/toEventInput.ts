import type { EventInput as FcEventInput } from '@fullcalendar/core';
import type { CalendarInfo, OccurrenceRow } from '../replica/CalendarStore';

export const FALLBACK_COLOR = '#1a73e8';

/**
 * One index row as a FullCalendar event. Timed rows go in as instants (the
 * grid places them in the display zone); all-day rows as their dates, so they
 * sit on the same days in every zone. The row rides along in extendedProps
 * for clicks and drags.
 */
export function toEventInput(row: OccurrenceRow, calendars: ReadonlyMap<string, CalendarInfo>): FcEventInput {
  const color = calendars.get(row.calendarId)?.color ?? FALLBACK_COLOR;
  return {
    id: `${row.calendarId}|${row.uid}|${row.recurrenceId ?? ''}`,
    title: row.title || '(No title)',
    start: row.allDay ? row.start.slice(0, 10) : row.startMs,
    end: row.allDay ? row.end.slice(0, 10) : row.endMs,
    allDay: row.allDay,
    backgroundColor: color,
    borderColor: color,
    classNames: ['ev', `ev-showas-${row.showAs}`],
    extendedProps: { row, color },
  };
}

export function rowOf(extendedProps: Record<string, unknown>): OccurrenceRow {
  return extendedProps.row as OccurrenceRow;
}
