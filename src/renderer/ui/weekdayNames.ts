import { WEEKDAYS, type Weekday } from './recurrenceDraft';

/** Localised weekday names; 2024-01-01 was a Monday, so day i of that week is WEEKDAYS[i]. */
export function weekdayName(day: Weekday, locale: string, style: 'long' | 'short' | 'narrow' = 'long'): string {
  const i = WEEKDAYS.indexOf(day);
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i));
}

/** The seven weekdays starting at the locale's first day (0 = Sunday). */
export function weekdaysFrom(firstDay: number): Weekday[] {
  const startIso = firstDay === 0 ? 6 : firstDay - 1;
  return Array.from({ length: 7 }, (_, i) => WEEKDAYS[(startIso + i) % 7]!);
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

export function ordinalWord(n: number): string {
  return n === -1 ? 'last' : (ORDINALS[n - 1] ?? `${n}th`);
}
