import { formatWall } from '../time/formatLocal';
import { daysFromCivil, daysInMonth, MS_PER_DAY } from '../time/daysFromCivil';
import type { IcsProperty } from './IcsComponent';

/** A DATE or DATE-TIME value as written: model local form plus how it is anchored. */
export interface IcsTime {
  /** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm:ss'. */
  local: string;
  /** Wall time as a number (see wallOfParts). */
  wall: number;
  dateOnly: boolean;
  /** Written with a trailing Z. */
  utc: boolean;
  /** The TZID parameter as written; null for UTC and floating values. */
  tzid: string | null;
}

const TIME = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/i;

/** Reads one DATE / DATE-TIME value; a string saying what is wrong when it cannot. */
export function readTimeValue(raw: string, tzid: string | null, valueParam: string | undefined): IcsTime | string {
  const value = raw.trim();
  const m = TIME.exec(value);
  if (!m) return `${JSON.stringify(value.slice(0, 40))} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)`;
  const dateOnly = m[4] === undefined || valueParam?.toUpperCase() === 'DATE';
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = dateOnly ? 0 : Number(m[4]);
  const minute = dateOnly ? 0 : Number(m[5]);
  const second = dateOnly || m[6] === undefined ? 0 : Math.min(59, Number(m[6]));
  // Checked by hand rather than through parseLocal (same rules): this runs for every
  // date of a 50,000-event file, and formatWall would roll 2026-02-30 into March.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) return `${JSON.stringify(value)} is not a real date or time`;
  const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  const local = formatWall(wall, dateOnly);
  const utc = !dateOnly && m[7] !== undefined;
  return { local, wall, dateOnly, utc, tzid: utc || dateOnly ? null : (tzid ?? null) };
}

/** Every value of a (possibly multi-valued) date property; PERIOD values give their start. */
export function readTimeList(prop: IcsProperty): { times: IcsTime[]; errors: string[] } {
  const times: IcsTime[] = [];
  const errors: string[] = [];
  for (const item of prop.value.split(',')) {
    if (item.trim() === '') continue;
    const start = item.includes('/') ? (item.split('/')[0] as string) : item;
    const t = readTimeValue(start, prop.params.TZID ?? null, prop.params.VALUE === 'PERIOD' ? undefined : prop.params.VALUE);
    if (typeof t === 'string') errors.push(`${prop.name} at line ${prop.line}: ${t}`);
    else times.push(t);
  }
  return { times, errors };
}

/** An RFC 5545 DURATION: calendar days (nominal) and seconds (exact), signed. */
export interface IcsDuration {
  days: number;
  seconds: number;
}

const DURATION = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

export function readDuration(raw: string): IcsDuration | null {
  const value = raw.trim();
  const m = DURATION.exec(value);
  if (!m || value.toUpperCase().endsWith('T') || /^[+-]?P$/i.test(value)) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const days = Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0);
  const seconds = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  return { days: sign * days, seconds: sign * seconds };
}
