import { formatLocal } from './formatLocal';
import { parseLocal } from './parseLocal';

/**
 * The canonical spelling of a local value: seconds always present for times
 * ('10:00' and '10:00:00' are the same recurrence id), dates unchanged.
 * Null when the value is malformed.
 */
export function normalizeLocal(local: string): string | null {
  const p = parseLocal(local);
  return p === null ? null : formatLocal(p);
}
