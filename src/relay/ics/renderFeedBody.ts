import type { CalendarEvent } from '../../shared/model/CalendarEvent';
import { exportIcs } from '../../shared/ics/exportIcs';

/**
 * The iCalendar text of a feed: the same exporter as the app's "Export",
 * stamped with when the content last changed so equal content is equal text.
 */
export function renderFeedBody(calendarName: string, events: readonly CalendarEvent[], modifiedAt: number): string {
  return exportIcs({ calendarName, events, stampMs: modifiedAt });
}
