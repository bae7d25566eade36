import type { Group } from '../../shared/protocol/api';
import { conflict, forbidden, notFound } from '../RelayError';
import { administers } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

export function addGroup(ctx: SharingContext, actor: Actor, orgId: string, name: string): Group {
  if (!ctx.store.directory.org(orgId)) throw notFound('Organisation');
  if (!administers(actor, orgId)) throw forbidden('Only an administrator can add groups');
  if (ctx.store.directory.groupByName(orgId, name)) throw conflict('A group with this name exists');
  const now = ctx.now();
  const row = ctx.store.transaction(() => {
    const group = ctx.store.directory.createGroup(orgId, name, now);
    ctx.store.audit.record({ orgId, actorId: actor.id, actorName: actor.name, action: 'group.add', calendarId: null, subject: `group:${group.id}`, detail: { name } }, now);
    return group;
  });
  return { id: row.id, name: row.name, members: [] };
}
