import type { AccessCause } from '../inbox/AccessCause';

/**
 * What a change of access must do beyond the store, in the running relay: update
 * the people's inbox documents and re-check their open sockets at once. The
 * admin CLI has no sockets: it uses NO_EFFECTS, and a running relay notices the
 * CLI's commits (SQLite's data_version) and reconciles.
 */
export interface AccessEffects {
  accessChanged(userIds: Iterable<string>, cause: AccessCause): void;
  /** The calendar is gone: close its rooms (4404) and forget its documents. */
  calendarDeleted(calendarId: string): void;
  /** Renamed through the API: write the name into its `full` document too. */
  calendarRenamed(calendarId: string, name: string): void;
  /** Epochs bumped: swap the live projections and close sockets on the old ones. */
  projectionsRebuilt(calendarId: string): void;
  /** A session was signed out: close its sockets (4401). */
  sessionEnded(sessionId: string): void;
  /** The person lost ownership (transferCalendar): close their sockets on the calendar's rooms (4403), whatever they still reach. */
  ownershipLost?(calendarId: string, userId: string): void;
}

export const NO_EFFECTS: AccessEffects = {
  accessChanged: () => {},
  calendarDeleted: () => {},
  calendarRenamed: () => {},
  projectionsRebuilt: () => {},
  sessionEnded: () => {},
};
