/**
 * What one room's connection is doing, as the sync engine saw it happen (never
 * guessed): the inputs of computeSyncState.
 */
export interface RoomState {
  room: string;
  /**
   * connecting: first attempt under way; live: connected and past the opening
   * exchange (everything held here has been sent); offline: the last attempt
   * failed or the socket dropped; refused: the relay closed it for good (44xx)
   * and the engine is deciding what to do.
   */
  connection: 'connecting' | 'live' | 'offline' | 'refused';
  /** Local changes not yet confirmed by the relay (outbox rows this window holds). */
  pending: number;
  /** When the relay last confirmed this room's state (persisted across restarts). */
  lastSyncedAt: number | null;
  /** The relay lets this device only read the room. */
  readOnly: boolean;
}
