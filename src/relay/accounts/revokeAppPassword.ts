import { notFound } from '../RelayError';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { revokeSessions } from './revokeSessions';

/**
 * Revokes app passwords and every session (token) obtained with them, at once.
 * Returns how many were still active. The caller checks who may do it.
 */
export function revokeAppPasswords(ctx: SharingContext, actor: Actor, ids: readonly string[], reason: string): number {
  const now = ctx.now();
  const sessions: string[] = [];
  let count = 0;
  ctx.store.transaction(() => {
    for (const id of ids) {
      const row = ctx.store.appPasswords.get(id);
      if (!row || !ctx.store.appPasswords.revoke(id, now)) continue;
      count++;
      sessions.push(...ctx.store.appPasswords.sessionsOf(id));
      const person = ctx.store.directory.person(row.user_id);
      ctx.store.audit.record(
        { orgId: person?.org_id ?? null, actorId: actor.id, actorName: actor.name, action: 'app-password.revoke', calendarId: null, subject: `user:${row.user_id}`, detail: { id, name: row.name, reason } },
        now,
      );
    }
  });
  revokeSessions(ctx, sessions);
  return count;
}

/** A person revokes one of their own app passwords. */
export function revokeOwnAppPassword(ctx: SharingContext, actor: Actor, id: string): void {
  const row = ctx.store.appPasswords.get(id);
  if (!row || row.user_id !== actor.id) throw notFound('App password');
  revokeAppPasswords(ctx, actor, [id], 'revoked');
}
