import { DateTime } from 'luxon';

/**
 * Arithmetic on wall-clock strings as the event model stores them
 * ('YYYY-MM-DDTHH:mm:ss' or 'YYYY-MM-DD'). Done in UTC on purpose: shifting a
 * 10:00 meeting by a day must give 10:00 the next day whatever the zone's DST does.
 */
const isDate = (s: string) => s.length === 10;

function parse(s: string): DateTime {
  return DateTime.fromISO(s, { zone: 'utc' });
}

function format(dt: DateTime, asDate: boolean): string {
  return asDate ? dt.toFormat('yyyy-MM-dd') : dt.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

export function shiftWallClock(s: string, minutes: number): string {
  return format(parse(s).plus({ minutes }), isDate(s));
}

export function wallClockMinutes(from: string, to: string): number {
  return Math.round(parse(to).diff(parse(from), 'minutes').minutes);
}

/** Normalises '2026-03-02T10:00' to '2026-03-02T10:00:00' so keys compare equal. */
export function normaliseWallClock(s: string): string {
  return isDate(s) ? s : s.length === 16 ? `${s}:00` : s.slice(0, 19);
}

/** Weekday 1 (Monday) to 7 of a wall-clock string. */
export function wallClockWeekday(s: string): number {
  return parse(s).weekday;
}

/** RFC 5545 form of a wall-clock string: 20260302T100000 or 20260302. */
export function toIcalForm(s: string): string {
  return s.replace(/[-:]/g, '');
}
