import { atLeast } from './compareLevels';
import type { PermissionLevel } from './PermissionLevel';

/** May create, change and delete events ('editor' and up). */
export function canWrite(level: PermissionLevel): boolean {
  return atLeast(level, 'editor');
}
