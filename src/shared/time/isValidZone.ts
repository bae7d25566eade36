import { IANAZone } from 'luxon';

const known = new Map<string, boolean>();

/**
 * True for a time zone name the platform's Intl database knows (IANA names and
 * 'UTC'). Cached: constructing an Intl.DateTimeFormat to test a name costs tens
 * of microseconds and validation runs per event.
 */
export function isValidZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  let ok = known.get(tz);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(tz);
    known.set(tz, ok);
  }
  return ok;
}
