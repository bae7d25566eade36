import { daysFromCivil, daysInMonth, MS_PER_DAY } from './daysFromCivil';

/** The fields of a wall-clock value as the event model writes it (see CalendarEvent.ts). */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** True for 'YYYY-MM-DD' (all-day) values. */
  dateOnly: boolean;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm' or 'YYYY-MM-DDTHH:mm:ss'. Returns null for
 * anything else, including impossible dates such as 2026-02-30, because a regex
 * alone would let those through and Date would silently roll them into March.
 */
export function parseLocal(local: string): LocalParts | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const dateOnly = m[4] === undefined;
  const hour = dateOnly ? 0 : Number(m[4]);
  const minute = dateOnly ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second, dateOnly };
}

/**
 * The wall time as a number: milliseconds since 1970-01-01T00:00 of the same wall
 * clock, as if the zone were UTC. Wall times compare and subtract as numbers this
 * way, without choosing a zone.
 */
export function wallOfParts(p: Pick<LocalParts, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>): number {
  return daysFromCivil(p.year, p.month, p.day) * MS_PER_DAY + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
}

/** parseLocal + wallOfParts; NaN when the value is malformed. */
export function wallOfLocal(local: string): number {
  const p = parseLocal(local);
  return p === null ? Number.NaN : wallOfParts(p);
}
