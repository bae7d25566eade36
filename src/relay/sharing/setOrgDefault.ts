import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import { forbidden, notFound } from '../RelayError';
import { administers } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/** Sets the organisation's default level, which every calendar without its own default follows. */
export function setOrgDefault(ctx: SharingContext, actor: Actor, orgId: string, level: PermissionLevel): void {
  const org = ctx.store.directory.org(orgId);
  if (!org) throw notFound('Organisation');
  if (!administers(actor, orgId)) throw forbidden('Only an administrator can change the organisation default');
  if (org.default_level === level) return;
  const now = ctx.now();
  ctx.store.transaction(() => {
    ctx.store.directory.setOrgDefault(orgId, level);
    ctx.store.audit.record({ orgId, actorId: actor.id, actorName: actor.name, action: 'default.org', calendarId: null, subject: null, detail: { level, previousLevel: org.default_level } }, now);
  });
  ctx.effects.accessChanged(
    ctx.store.directory.peopleOfOrg(orgId).map((p) => p.id),
    { byId: actor.id, byName: actor.name },
  );
}
