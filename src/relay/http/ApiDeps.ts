import type { AuthService } from '../auth/AuthService';
import type { SharingContext } from '../sharing/SharingContext';
import type { EventTrash } from '../trash/EventTrash';
import type { TeamWriter } from '../teams/TeamWriter';
import type { SyncTimes } from '../sync/SyncTimes';

export interface ApiDeps {
  sharing: SharingContext;
  auth: AuthService;
  log: (message: string) => void;
  /** Failed sign-ins allowed per email and address within `signInWindowMs`. */
  signInAttempts: number;
  signInWindowMs: number;
  /** Writes of the team calendars' queue (approved events, notices); absent, approving answers 503. */
  teams?: TeamWriter;
  /** "Last synced" per person and calendar (admin review); absent, the review reads stored times only. */
  syncTimes?: SyncTimes;
  /** Deleted events of `full` rooms (list, restore); absent, those routes answer 503. */
  eventTrash?: EventTrash;
}
