import { civilFromDays, MS_PER_DAY } from './daysFromCivil';
import type { LocalParts } from './parseLocal';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n >= 1000 ? String(n) : String(n).padStart(4, '0');
}

/** 'YYYY-MM-DD' for date-only parts, else 'YYYY-MM-DDTHH:mm:ss' (seconds always written). */
export function formatLocal(p: LocalParts): string {
  const date = `${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}`;
  return p.dateOnly ? date : `${date}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

// Expansion formats two strings per occurrence, and thousands of series share
// the same few hundred days and times of day, so both halves are memoised.
const dayStrings = new Map<number, string>();
const timeStrings = new Map<number, string>();
const MEMO_LIMIT = 100_000;

function dayString(days: number): string {
  let s = dayStrings.get(days);
  if (s === undefined) {
    const { year, month, day } = civilFromDays(days);
    s = `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
    if (dayStrings.size >= MEMO_LIMIT) dayStrings.clear();
    dayStrings.set(days, s);
  }
  return s;
}

function timeString(secs: number): string {
  let s = timeStrings.get(secs);
  if (s === undefined) {
    s = `T${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`;
    timeStrings.set(secs, s);
  }
  return s;
}

/** Formats a wall-time number (see wallOfParts) in the model's local form. */
export function formatWall(wallMs: number, dateOnly: boolean): string {
  const days = Math.floor(wallMs / MS_PER_DAY);
  if (dateOnly) return dayString(days);
  return dayString(days) + timeString(Math.floor((wallMs - days * MS_PER_DAY) / 1000));
}
