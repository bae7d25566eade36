import { isValidZone } from './isValidZone';
import { parseLocal, wallOfParts } from './parseLocal';
import { wallToEpoch } from './wallToEpoch';

/**
 * The instant of a local value of the event model.
 *
 * `local` is 'YYYY-MM-DDTHH:mm[:ss]' or, for all-day values, 'YYYY-MM-DD' (its
 * midnight). A null `tzid` means floating time, placed in `floatingZone` (the
 * viewer's zone). Wall times skipped by a DST change move forward by the gap;
 * repeated ones mean the first (RFC 5545 3.3.5).
 *
 * @throws RangeError for a malformed value or an unknown zone, so bad data fails loudly
 */
export function localToEpoch(local: string, tzid: string | null, floatingZone: string): number {
  const p = parseLocal(local);
  if (p === null) throw new RangeError(`Not a local date or date-time: "${local}"`);
  const zone = tzid ?? floatingZone;
  if (!isValidZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
  return wallToEpoch(wallOfParts(p), zone);
}
