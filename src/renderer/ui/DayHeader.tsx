import type { DayHeaderContentArg } from '@fullcalendar/core';
import { DateTime } from 'luxon';

interface DayHeaderProps {
  arg: DayHeaderContentArg;
  zone: string;
  locale: string;
}

/**
 * Column headings: in day and week views a short weekday over a large date
 * number (today's circled), in month view just the weekday.
 */
export function DayHeader({ arg, zone, locale }: DayHeaderProps) {
  const dt = DateTime.fromMillis(arg.date.valueOf(), { zone }).setLocale(locale);
  const weekday = dt.toFormat('ccc');
  if (!arg.view.type.startsWith('timeGrid') && arg.view.type !== 'workWeek') return <span className="day-head-weekday">{weekday}</span>;
  return (
    <span className="day-head">
      <span className="day-head-weekday">{weekday}</span>
      <span className={`day-head-number ${arg.isToday ? 'today' : ''}`}>{dt.day}</span>
    </span>
  );
}
