import { atLeast } from './compareLevels';
import type { PermissionLevel } from './PermissionLevel';

/** May hold some replica of the calendar at all (from busy times up). */
export function canRead(level: PermissionLevel): boolean {
  return atLeast(level, 'availability');
}

/** May see titles and locations ('limited' and up). */
export function canReadTitles(level: PermissionLevel): boolean {
  return atLeast(level, 'limited');
}

/** May see every non-private field ('reviewer' and up). */
export function canReadDetails(level: PermissionLevel): boolean {
  return atLeast(level, 'reviewer');
}
