import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { OrgRow } from '../store/rowSchemas';
import type { Actor, SharingContext } from './SharingContext';

/** The organisation of that name, created (and audited) when missing. */
export function ensureOrg(ctx: SharingContext, actor: Actor, name: string, defaultLevel: PermissionLevel = 'availability'): OrgRow {
  const existing = ctx.store.directory.orgByName(name);
  if (existing) return existing;
  const now = ctx.now();
  return ctx.store.transaction(() => {
    const org = ctx.store.directory.createOrg(name, defaultLevel, now);
    ctx.store.audit.record({ orgId: org.id, actorId: actor.id, actorName: actor.name, action: 'org.add', calendarId: null, subject: null, detail: { name, defaultLevel } }, now);
    return org;
  });
}
