import { formatWall } from './formatLocal';
import { MS_PER_DAY } from './daysFromCivil';
import { parseLocal, wallOfParts } from './parseLocal';

/**
 * Moves a local value by whole calendar days, keeping its form and wall-clock
 * time (a day is a date step, not 24 hours, so 10:00 stays 10:00 across DST).
 */
export function addDaysLocal(local: string, days: number): string {
  const p = parseLocal(local);
  if (p === null) throw new RangeError(`Not a local date or date-time: "${local}"`);
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return formatWall(wallOfParts(p) + days * MS_PER_DAY, p.dateOnly);
}
