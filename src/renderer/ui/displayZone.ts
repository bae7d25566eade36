import { isValidZone } from '../../shared/time/isValidZone';
import { systemZone } from '../../shared/time/systemZone';

/**
 * The zone the views are drawn in: the person's choice, or the system's when
 * they chose none or their choice is not a zone this machine knows (a setting
 * synced from a newer system must not leave the grid blank).
 */
export function resolveDisplayZone(setting: string | null): string {
  return setting && isValidZone(setting) ? setting : systemZone();
}
