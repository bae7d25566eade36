import { CLOSE, RESET_REASON_PREFIX } from '../../shared/protocol/closeCodes';
import type { Connection } from './Connection';
import { permissionDeniedMessage } from './messages';

/**
 * Refuses a client's stream: an auth "permission denied" with `reset:<why>`,
 * then close 4409. Nothing of the refused message was applied; the client must
 * keep what it would lose and reset its replica (DESIGN.md, Sync protocol).
 */
export function resetConnection(conn: Connection, why: string): void {
  const reason = `${RESET_REASON_PREFIX}${why}`.slice(0, 120);
  conn.send(permissionDeniedMessage(reason));
  conn.close(CLOSE.reset, reason);
}
