import { exportIcs } from '../../shared/ics/exportIcs';
import type { CalendarEvent } from '../../shared/model/CalendarEvent';

export interface ExportRange {
  fromMs: number;
  toMs: number;
}

/** What exporting needs of the store (CalendarStore has it). */
export interface IcsExportStore {
  exportEvents(calendarId: string, range?: ExportRange): Promise<CalendarEvent[]>;
}

/** A calendar (or the series and events with an occurrence in a range) as iCalendar text. */
export async function exportCalendarIcs(store: IcsExportStore, calendarId: string, calendarName: string, range?: ExportRange): Promise<{ text: string; count: number }> {
  const events = await store.exportEvents(calendarId, range);
  return { text: exportIcs({ calendarName, events, range }), count: events.length };
}
