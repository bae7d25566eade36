import { compareLevels } from '../../shared/permissions/compareLevels';
import type { OrgPolicy, PolicyAnswer, PutOrgPolicy } from '../../shared/protocol/policies';
import { forbidden, notFound } from '../RelayError';
import { putGrant } from '../sharing/putGrant';
import { removeGrant } from '../sharing/removeGrant';
import { administers } from '../sharing/requireManager';
import { revokeIcsLink } from '../sharing/revokeIcsLink';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { PolicyStore } from '../store/PolicyStore';

/**
 * Changes an organisation's policies (admins only), audited as `policy.change`.
 * Tightening cuts back what already exists, as Outlook and Google do, through
 * the same operations an owner uses, so recipients' sockets, inboxes and feeds
 * react at once and each cut is audited on its own:
 * - a share with a person of another organisation above the external cap is
 *   lowered to the cap, or removed when external sharing is switched off (the
 *   recipient keeps a stale copy, as after any external revocation);
 * - an active ICS link above the links cap is revoked (a link's level is part of
 *   what its subscribers were given, so it is never changed in place; the owner
 *   may publish a new one within the policy).
 * The level for new calendars applies to calendars created from now on only.
 */
export function setOrgPolicy(ctx: SharingContext, actor: Actor, orgId: string, change: PutOrgPolicy): PolicyAnswer {
  const org = ctx.store.directory.org(orgId);
  if (!org) throw notFound('Organisation');
  if (!administers(actor, orgId)) throw forbidden('Only an administrator can change the organisation’s policies');
  const policies = new PolicyStore(ctx.store.db);
  const previous = policies.get(orgId);
  const next: OrgPolicy = { ...previous, ...change };
  const cutBack = { grantsDowngraded: 0, grantsRemoved: 0, linksRevoked: 0 };
  const changed = (Object.keys(next) as (keyof OrgPolicy)[]).filter((k) => next[k] !== previous[k]);
  if (changed.length === 0) return { policy: previous, cutBack };
  const now = ctx.now();
  ctx.store.transaction(() => {
    policies.put(orgId, next, actor.id, now);
    ctx.store.audit.record({ orgId, actorId: actor.id, actorName: actor.name, action: 'policy.change', calendarId: null, subject: null, detail: { changed, previous, policy: next } }, now);
  });

  const calendars = ctx.store.sharing.calendarsOfOrg(orgId);
  if (compareLevels(next.externalSharingMax, previous.externalSharingMax) < 0) {
    for (const calendar of calendars) {
      for (const g of ctx.store.sharing.grants(calendar.id)) {
        if (g.subject_kind !== 'user' || compareLevels(g.level, next.externalSharingMax) <= 0) continue;
        const person = ctx.store.directory.person(g.subject_id);
        if (!person || person.org_id === orgId) continue;
        const subject = { kind: 'user' as const, id: g.subject_id };
        if (next.externalSharingMax === 'none') {
          removeGrant(ctx, actor, calendar.id, subject);
          cutBack.grantsRemoved++;
        } else {
          putGrant(ctx, actor, calendar.id, { subject, level: next.externalSharingMax });
          cutBack.grantsDowngraded++;
        }
      }
    }
  }
  if (compareLevels(next.icsLinksMax, previous.icsLinksMax) < 0) {
    for (const calendar of calendars) {
      for (const link of ctx.store.icsLinks.forCalendar(calendar.id)) {
        if (link.revoked_at !== null || compareLevels(link.level, next.icsLinksMax) <= 0) continue;
        revokeIcsLink(ctx, actor, calendar.id, link.id);
        cutBack.linksRevoked++;
      }
    }
  }
  if (cutBack.grantsDowngraded + cutBack.grantsRemoved + cutBack.linksRevoked > 0) {
    ctx.store.audit.record({ orgId, actorId: actor.id, actorName: actor.name, action: 'policy.enforce', calendarId: null, subject: null, detail: { ...cutBack } }, ctx.now());
  }
  return { policy: next, cutBack };
}
