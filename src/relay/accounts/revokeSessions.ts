import type { SharingContext } from '../sharing/SharingContext';

/** Ends sessions (their access tokens stop at the next check) and closes their sockets (4401). */
export function revokeSessions(ctx: SharingContext, sessionIds: Iterable<string>): void {
  const now = ctx.now();
  const ids = [...sessionIds];
  ctx.store.transaction(() => {
    for (const id of ids) ctx.store.sessions.revokeSession(id, now);
  });
  for (const id of ids) ctx.effects.sessionEnded(id);
}
