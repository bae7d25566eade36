import type { IcsLink } from '../../shared/protocol/icsLinks';
import { notFound } from '../RelayError';
import { requireLinkManager } from './requireLinkManager';
import type { Actor, SharingContext } from './SharingContext';
import { toIcsLink } from './toIcsLink';

/**
 * Revokes a link: its feed answers 410 from the next request on. Revoking a
 * revoked link changes nothing and is not audited again.
 */
export function revokeIcsLink(ctx: SharingContext, actor: Actor, calendarId: string, linkId: string): IcsLink {
  const { calendar, isOwner } = requireLinkManager(ctx, actor, calendarId, 'manage');
  const link = ctx.store.icsLinks.byId(calendar.id, linkId);
  if (!link) throw notFound('Link');
  const now = ctx.now();
  ctx.store.transaction(() => {
    if (!ctx.store.icsLinks.revoke(link.id, now)) return;
    ctx.store.audit.record(
      { orgId: calendar.org_id, actorId: actor.id, actorName: actor.name, action: 'ics-link.revoke', calendarId: calendar.id, subject: null, detail: { linkId: link.id, level: link.level } },
      now,
    );
  });
  const after = ctx.store.icsLinks.byId(calendar.id, linkId);
  if (!after) throw notFound('Link');
  return toIcsLink(after, now, isOwner);
}
