import { DateTime } from 'luxon';
import { useId } from 'react';
import { weekdayPosition, weekdayOf, type MonthlyMode, type RecurrenceDraft, type RepeatEnd, type RepeatFreq, type Weekday } from './recurrenceDraft';
import { Radio } from './Radio';
import { ordinalWord, weekdayName, weekdaysFrom } from './weekdayNames';

interface RecurrenceEditorProps {
  value: RecurrenceDraft;
  onChange: (next: RecurrenceDraft) => void;
  /** First date of the event ('YYYY-MM-DD'): the monthly and yearly choices are read from it. */
  startDate: string;
  firstDay: number;
  locale: string;
  /** Human reading of the rule, e.g. "Every 2 weeks on Monday and Wednesday". */
  summary: string;
}

const UNITS: Record<Exclude<RepeatFreq, 'none' | 'custom'>, [string, string]> = {
  daily: ['day', 'days'],
  weekly: ['week', 'weeks'],
  monthly: ['month', 'months'],
  yearly: ['year', 'years'],
};

/** The repeat section of the event editor. */
export function RecurrenceEditor({ value, onChange, startDate, firstDay, locale, summary }: RecurrenceEditorProps) {
  const id = useId();
  const set = (patch: Partial<RecurrenceDraft>) => onChange({ ...value, ...patch });
  const start = DateTime.fromISO(startDate, { zone: 'utc' });
  const weekday = weekdayOf(startDate);
  const pos = weekdayPosition(startDate);
  const dayName = weekdayName(weekday, locale);
  const freq = value.freq;

  const toggleDay = (d: Weekday, on: boolean) => {
    const days = on ? [...value.weekdays, d] : value.weekdays.filter((x) => x !== d);
    // A weekly rule with no days would silently mean "the start's weekday"; keep at least one.
    if (days.length > 0) set({ weekdays: days });
  };

  return (
    <div className="recurrence">
      <div className="field">
        <label htmlFor={`${id}-freq`}>Repeat</label>
        <select id={`${id}-freq`} value={freq} onChange={(e) => set({ freq: e.target.value as RepeatFreq, weekdays: value.weekdays.length ? value.weekdays : [weekday] })}>
          <option value="none">Does not repeat</option>
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
          <option value="monthly">Monthly</option>
          <option value="yearly">Yearly</option>
          {value.raw !== null && freq === 'custom' && <option value="custom">Custom rule (kept as is)</option>}
        </select>
      </div>

      {freq !== 'none' && freq !== 'custom' && (
        <>
          <div className="field field-inline">
            <label htmlFor={`${id}-interval`}>Every</label>
            <input
              id={`${id}-interval`}
              type="number"
              min={1}
              max={999}
              className="input-narrow"
              value={Number.isFinite(value.interval) ? value.interval : ''}
              onChange={(e) => set({ interval: e.target.valueAsNumber })}
            />
            <span>{UNITS[freq][value.interval === 1 ? 0 : 1]}</span>
          </div>

          {freq === 'weekly' && (
            <fieldset className="field weekday-picker">
              <legend>Days of the week</legend>
              {weekdaysFrom(firstDay).map((d) => (
                <label key={d} className="weekday-toggle" title={weekdayName(d, locale)}>
                  <input type="checkbox" checked={value.weekdays.includes(d)} onChange={(e) => toggleDay(d, e.target.checked)} />
                  <span aria-hidden="true">{weekdayName(d, locale, 'narrow')}</span>
                  <span className="sr-only">{weekdayName(d, locale)}</span>
                </label>
              ))}
            </fieldset>
          )}

          {freq === 'monthly' && (
            <fieldset className="field radio-list">
              <legend>Day of the month</legend>
              <Radio name={`${id}-monthly`} checked={value.monthlyMode === 'date'} onSelect={() => set({ monthlyMode: 'date' as MonthlyMode })} label={`Day ${start.day} of the month`} />
              {pos.nth <= 4 && (
                <Radio name={`${id}-monthly`} checked={value.monthlyMode === 'nth'} onSelect={() => set({ monthlyMode: 'nth' })} label={`The ${ordinalWord(pos.nth)} ${dayName}`} />
              )}
              {pos.last && <Radio name={`${id}-monthly`} checked={value.monthlyMode === 'last'} onSelect={() => set({ monthlyMode: 'last' })} label={`The last ${dayName}`} />}
            </fieldset>
          )}

          <fieldset className="field radio-list">
            <legend>Ends</legend>
            <Radio name={`${id}-ends`} checked={value.ends === 'never'} onSelect={() => set({ ends: 'never' as RepeatEnd })} label="Never" />
            <div className="radio-with-input">
              <Radio name={`${id}-ends`} checked={value.ends === 'until'} onSelect={() => set({ ends: 'until' })} label="On date" />
              <label className="sr-only" htmlFor={`${id}-until`}>
                Last date of the series
              </label>
              <input id={`${id}-until`} type="date" value={value.until} min={startDate} disabled={value.ends !== 'until'} onChange={(e) => set({ until: e.target.value })} />
            </div>
            <div className="radio-with-input">
              <Radio name={`${id}-ends`} checked={value.ends === 'count'} onSelect={() => set({ ends: 'count' })} label="After" />
              <label className="sr-only" htmlFor={`${id}-count`}>
                Number of occurrences
              </label>
              <input
                id={`${id}-count`}
                type="number"
                min={1}
                max={999}
                className="input-narrow"
                value={Number.isFinite(value.count) ? value.count : ''}
                disabled={value.ends !== 'count'}
                onChange={(e) => set({ count: e.target.valueAsNumber })}
              />
              <span>occurrences</span>
            </div>
          </fieldset>
        </>
      )}

      {freq !== 'none' && summary && (
        <p className="recurrence-summary" aria-live="polite">
          {summary}
        </p>
      )}
    </div>
  );
}

