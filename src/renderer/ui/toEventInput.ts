import type { EventInput as FcEventInput } from '@fullcalendar/core';
import { SHOW_AS_LABEL } from '../../shared/model/CalendarEvent';
import { canWrite } from '../../shared/permissions/canWrite';
import { atLeast } from '../../shared/permissions/compareLevels';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { CalendarInfo, OccurrenceRow } from '../replica/CalendarStore';

export const FALLBACK_COLOR = '#1a73e8';

/**
 * The title an event is drawn with. Calendars seen at "when I'm busy" or
 * "titles and locations" come from the relay's projections, which may hold no
 * title at all: those read as their show-as ("Busy"), as Outlook draws them.
 */
export function displayTitle(title: string, showAs: OccurrenceRow['showAs'], level: PermissionLevel): string {
  if (title) return title;
  return atLeast(level, 'reviewer') ? '(No title)' : SHOW_AS_LABEL[showAs];
}

/**
 * One index row as a FullCalendar event. Timed rows go in as instants (the
 * grid places them in the display zone); all-day rows as their dates, so they
 * sit on the same days in every zone. The row rides along in extendedProps
 * for clicks and drags. Events of calendars the person may not edit cannot be
 * dragged or resized.
 */
export function toEventInput(row: OccurrenceRow, calendars: ReadonlyMap<string, CalendarInfo>, levels?: ReadonlyMap<string, PermissionLevel>): FcEventInput {
  const color = calendars.get(row.calendarId)?.color ?? FALLBACK_COLOR;
  const level = levels?.get(row.calendarId) ?? 'owner';
  const writable = canWrite(level);
  return {
    id: `${row.calendarId}|${row.uid}|${row.recurrenceId ?? ''}`,
    title: displayTitle(row.title, row.showAs, level),
    start: row.allDay ? row.start.slice(0, 10) : row.startMs,
    end: row.allDay ? row.end.slice(0, 10) : row.endMs,
    allDay: row.allDay,
    backgroundColor: color,
    borderColor: color,
    classNames: writable ? ['ev', `ev-showas-${row.showAs}`] : ['ev', `ev-showas-${row.showAs}`, 'ev-readonly'],
    ...(writable ? {} : { editable: false }),
    extendedProps: { row, color },
  };
}

export function rowOf(extendedProps: Record<string, unknown>): OccurrenceRow {
  return extendedProps.row as OccurrenceRow;
}
