import { formatWall } from './formatLocal';
import { isValidZone } from './isValidZone';
import { parseLocal, wallOfParts } from './parseLocal';
import { epochToWall, wallToEpoch } from './wallToEpoch';

/**
 * Adds minutes to a local value and returns 'YYYY-MM-DDTHH:mm:ss'.
 *
 * With a zone, the minutes are elapsed time: 60 minutes after 01:30 on the night
 * clocks go forward is 03:30, as an event's end would be. Without one (floating
 * time, or plain wall-clock stepping) they move the clock hands.
 * A date-only value is read as its midnight.
 */
export function addMinutesLocal(local: string, minutes: number, tzid: string | null = null): string {
  const p = parseLocal(local);
  if (p === null) throw new RangeError(`Not a local date or date-time: "${local}"`);
  if (!Number.isFinite(minutes)) throw new RangeError(`Not a number of minutes: ${minutes}`);
  const wall = wallOfParts(p);
  const delta = Math.round(minutes * 60) * 1000;
  if (tzid === null) return formatWall(wall + delta, false);
  if (!isValidZone(tzid)) throw new RangeError(`Unknown time zone "${tzid}"`);
  return formatWall(epochToWall(wallToEpoch(wall, tzid) + delta, tzid), false);
}
