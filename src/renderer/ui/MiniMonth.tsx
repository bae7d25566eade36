import { DateTime } from 'luxon';
import { useState } from 'react';
import { Icon } from './Icon';
import { weekdayName, weekdaysFrom } from './weekdayNames';

interface MiniMonthProps {
  /** The date the main view is on, 'YYYY-MM-DD'. */
  selected: string;
  today: string;
  firstDay: number;
  locale: string;
  onPick: (date: string) => void;
}

/** The small month in the sidebar, for jumping to a date with one click. */
export function MiniMonth({ selected, today, firstDay, locale, onPick }: MiniMonthProps) {
  // The month shown follows the main view until the person pages it themselves.
  const [offset, setOffset] = useState<{ anchor: string; months: number }>({ anchor: selected, months: 0 });
  const months = offset.anchor === selected ? offset.months : 0;
  const month = DateTime.fromISO(selected, { zone: 'utc' }).startOf('month').plus({ months });
  const lead = (month.weekday % 7) - firstDay;
  const first = month.minus({ days: (lead + 7) % 7 });
  const days = Array.from({ length: 42 }, (_, i) => first.plus({ days: i }));
  const fullDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const heading = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(month.toMillis());

  return (
    <div className="mini-month">
      <div className="mini-month-head">
        <span className="mini-month-title">{heading}</span>
        <button type="button" className="icon-btn icon-btn-small" aria-label="Earlier" onClick={() => setOffset({ anchor: selected, months: months - 1 })}>
          <Icon name="chevronLeft" />
        </button>
        <button type="button" className="icon-btn icon-btn-small" aria-label="Later" onClick={() => setOffset({ anchor: selected, months: months + 1 })}>
          <Icon name="chevronRight" />
        </button>
      </div>
      <table className="mini-month-grid">
        <thead>
          <tr>
            {weekdaysFrom(firstDay).map((d) => (
              <th key={d} scope="col" abbr={weekdayName(d, locale)}>
                {weekdayName(d, locale, 'narrow')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[0, 1, 2, 3, 4, 5].map((w) => (
            <tr key={w}>
              {days.slice(w * 7, w * 7 + 7).map((d) => {
                const iso = d.toFormat('yyyy-MM-dd');
                const cls = ['mini-day', d.month !== month.month ? 'other' : '', iso === today ? 'today' : '', iso === selected ? 'selected' : ''].join(' ');
                return (
                  <td key={iso}>
                    <button type="button" className={cls} aria-label={fullDate.format(d.toMillis())} aria-current={iso === today ? 'date' : undefined} onClick={() => onPick(iso)}>
                      {d.day}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
