/**
 * Websocket close codes the relay uses. All are in 4400-4499, which y-websocket
 * 3.1 treats as final (it stops retrying), so the client decides what to do next:
 * refresh its token (4401), re-read its access (4403, 4404), reset its replica
 * (4409). docs/relay.md lists them for other clients.
 */
export const CLOSE = {
  /** A frame that is not y-websocket protocol, or arrives before the connection is ready. */
  badFrame: 4400,
  /** Missing, malformed or expired access token: refresh it and connect again. */
  unauthorized: 4401,
  /** The person may not open this room (never could, or their level changed). */
  forbidden: 4403,
  /** No such calendar or person, or a projection epoch that is no longer current. */
  notFound: 4404,
  /** The relay refused part of this client's stream: save unsaved changes, reset the replica. */
  reset: 4409,
  /** A frame above the relay's size limit. */
  tooLarge: 4413,
  /** Too many frames, or a reader too slow to keep up: reconnect later. */
  tooMany: 4429,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** Whether a close code means the client's replica must be reset before it may sync again. */
export function needsReset(code: number): boolean {
  return code === CLOSE.reset;
}

/** y-websocket message types (sync, awareness, auth) plus the optional awareness query. */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Prefix of the auth-message reason that precedes a 4409 close. */
export const RESET_REASON_PREFIX = 'reset:';
