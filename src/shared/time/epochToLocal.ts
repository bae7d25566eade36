import { formatWall } from './formatLocal';
import { isValidZone } from './isValidZone';
import { epochToWall } from './wallToEpoch';

/** The wall time an instant shows in `tzid`, as 'YYYY-MM-DDTHH:mm:ss'. */
export function epochToLocal(ms: number, tzid: string): string {
  if (!isValidZone(tzid)) throw new RangeError(`Unknown time zone "${tzid}"`);
  if (!Number.isFinite(ms)) throw new RangeError(`Not a finite instant: ${ms}`);
  return formatWall(epochToWall(Math.floor(ms / 1000) * 1000, tzid), false);
}
