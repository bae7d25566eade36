import { forbidden, notFound } from '../RelayError';
import { administers } from '../sharing/requireManager';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { revokeAppPasswords } from './revokeAppPassword';

/** The organisation's switch; turning it off revokes every app password in it (and their tokens) at once. */
export function setAppPasswordsAllowed(ctx: SharingContext, actor: Actor, orgId: string, allowed: boolean): { allowed: boolean; revoked: number } {
  if (!ctx.store.directory.org(orgId)) throw notFound('Organisation');
  if (!administers(actor, orgId)) throw forbidden('Only an administrator can change whether app passwords are allowed');
  const now = ctx.now();
  ctx.store.transaction(() => {
    ctx.store.appPasswords.setAllowed(orgId, allowed);
    ctx.store.audit.record({ orgId, actorId: actor.id, actorName: actor.name, action: 'org.app-passwords', calendarId: null, subject: null, detail: { allowed } }, now);
  });
  const revoked = allowed ? 0 : revokeAppPasswords(ctx, actor, ctx.store.appPasswords.activeIdsOfOrg(orgId).map((r) => r.id), 'switched-off');
  return { allowed, revoked };
}
