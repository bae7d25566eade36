import type { EventWhen } from '../model/CalendarEvent';
import { formatWall } from '../time/formatLocal';
import { firstRuleWall, planSeries } from './planSeries';

/**
 * The first start the recurrence rule itself produces (in the form of when.start),
 * or null when it produces none at all: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30, or
 * UNTIL before the start. DTSTART is a member of every series anyway, so such a
 * "series" is one event; the editor reports it rather than store a rule that does nothing.
 * Null also for an event without a rule.
 *
 * @throws RecurrenceRuleError for an unreadable rule; RangeError for a bad start or zone
 */
export function firstRuleOccurrence(when: EventWhen, floatingZone: string): string | null {
  if (!when.rrule) return null;
  const zone = when.allDay ? floatingZone : (when.tzid ?? floatingZone);
  const plan = planSeries(when.start, when.allDay, when.rrule, zone);
  const wall = firstRuleWall(plan);
  return wall === null ? null : formatWall(wall, plan.dateOnly);
}
