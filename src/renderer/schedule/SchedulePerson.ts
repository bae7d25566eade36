import type { BusyInterval } from '../../shared/schedule/BusyInterval';
import type { WorkingHours } from '../../shared/schedule/WorkingHours';

/** An attendee as the editor or the find-a-time dialog names them. */
export interface AttendeeRef {
  email: string;
  name: string;
  required: boolean;
}

/** What the device knows of one person for scheduling, from its replicas and the cached directory. */
export interface SchedulePerson extends AttendeeRef {
  /** Stable key: the lower-cased e-mail. */
  key: string;
  isOrganizer: boolean;
  /** Directory id, or null for an outside address. */
  personId: string | null;
  zone: string | null;
  workingHours: WorkingHours | null;
  /** Null: unknown (outside address, no readable calendar, or still syncing for the first time). */
  busy: BusyInterval[] | null;
  /** Why busy is null, in words, for the grid. */
  unknownReason: string | null;
}
