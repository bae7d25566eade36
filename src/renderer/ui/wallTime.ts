import { DateTime } from 'luxon';
import { addDaysLocal } from '../../shared/time/addDaysLocal';
import { addMinutesLocal } from '../../shared/time/addMinutesLocal';
import { epochToLocal } from '../../shared/time/epochToLocal';
import { localToEpoch } from '../../shared/time/localToEpoch';

/**
 * Small conversions between what FullCalendar hands the UI (instants, or
 * 'YYYY-MM-DD' strings for all-day) and what the event model stores (wall
 * time in a zone, or dates). Arithmetic on wall times is done on the clock
 * face (as if in UTC), so a DST change never moves an all-day event by a day
 * or a 10:00 meeting to 11:00.
 */

/** Wall time of an instant in a zone, in the model's form 'YYYY-MM-DDTHH:mm:ss'. */
export function wallTimeOf(ms: number, zone: string): string {
  return epochToLocal(ms, zone);
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, days: number): string {
  return addDaysLocal(date, days);
}

/** Whole days from one 'YYYY-MM-DD' to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((localToEpoch(to, null, 'UTC') - localToEpoch(from, null, 'UTC')) / 86_400_000);
}

/** Minutes from one wall time to another, on the clock face (not the zone's instants). */
export function wallMinutesBetween(from: string, to: string): number {
  return Math.round((localToEpoch(to, null, 'UTC') - localToEpoch(from, null, 'UTC')) / 60_000);
}

/** A wall time plus some minutes, on the clock face. */
export function addWallMinutes(wall: string, minutes: number): string {
  return addMinutesLocal(wall, minutes, null);
}

/** Splits 'YYYY-MM-DDTHH:mm[:ss]' (or a date) into date and 'HH:mm' parts for the inputs. */
export function splitWall(wall: string): { date: string; time: string } {
  return { date: wall.slice(0, 10), time: wall.length > 10 ? wall.slice(11, 16) : '' };
}

/** Today's date in a zone, 'YYYY-MM-DD'. */
export function todayIn(zone: string, nowMs = Date.now()): string {
  return DateTime.fromMillis(nowMs, { zone }).toFormat('yyyy-MM-dd');
}

/** Short name of a zone at an instant ("CET", "GMT+1", "EST"), for headers. */
export function zoneAbbreviation(zone: string, ms = Date.now(), locale?: string): string {
  // The locale decides the name: en-GB says CEST where en-US says GMT+2.
  const dt = DateTime.fromMillis(ms, { zone, locale });
  return dt.isValid ? dt.toFormat('ZZZZ') : zone;
}

/** Whether the locale writes times with a 12-hour clock. */
export function uses12Hour(locale: string): boolean {
  try {
    const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
    return cycle === 'h12' || cycle === 'h11';
  } catch {
    return false;
  }
}

/** Hour label of an instant in a zone, in the person's clock style ("3 PM", "15:00"). */
export function hourLabel(ms: number, zone: string, locale: string): string {
  const dt = DateTime.fromMillis(ms, { zone }).setLocale(locale);
  if (!dt.isValid) return '';
  if (uses12Hour(locale)) return dt.minute === 0 ? dt.toFormat('h a') : dt.toFormat('h:mm a');
  return dt.toFormat('HH:mm');
}
