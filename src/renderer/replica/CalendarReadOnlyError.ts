import { PERMISSION_LEVEL_LABEL } from '../../shared/permissions/PermissionLevel';
import type { ReplicaBinding } from './ReplicaBinding';

/**
 * Thrown for a write to a calendar this device may not change (shared below
 * "Can edit", or no longer syncing). Refusing here, not at the relay, means the
 * person is told at once instead of the change being refused later.
 */
export class CalendarReadOnlyError extends Error {
  override readonly name = 'CalendarReadOnlyError';

  constructor(
    readonly calendarId: string,
    calendarName: string,
    binding: ReplicaBinding,
    /** A subscription to an external address: its refresh is its only writer. */
    subscribed = false,
  ) {
    super(
      subscribed
        ? `“${calendarName}” is a subscription to an internet calendar: it is updated from its address and cannot be changed here.`
        : binding.staleSince !== null
        ? `“${calendarName}” is no longer shared with you, so it is kept read-only and can no longer be changed.`
        : `“${calendarName}” is shared with you as “${PERMISSION_LEVEL_LABEL[binding.level]}”: you can view it but not change it.`,
    );
  }
}
