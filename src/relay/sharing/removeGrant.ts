import type { Permissions, Subject } from '../../shared/protocol/api';
import { revocationOutcome } from '../../shared/permissions/revocationOutcome';
import { notFound } from '../RelayError';
import { permissionsOf } from './permissionsOf';
import { requireManager } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

/**
 * Removes a share. What the recipient keeps follows revocationOutcome(): in the
 * same organisation they fall back to a group grant or the default, or lose the
 * calendar; a person of another organisation keeps a stale copy (recorded here,
 * so their inbox lists it as stale).
 */
export function removeGrant(ctx: SharingContext, actor: Actor, calendarId: string, subject: Subject): Permissions {
  const calendar = requireManager(ctx, actor, calendarId);
  const now = ctx.now();
  let affected: string[] = [];
  ctx.store.transaction(() => {
    const prev = ctx.store.sharing.grant(calendarId, subject.kind, subject.id);
    if (!prev) throw notFound('Share');
    let outcome: string | null = null;
    if (subject.kind === 'user') {
      affected = [subject.id];
      const person = ctx.store.directory.person(subject.id);
      if (person) {
        const sameOrg = person.org_id === calendar.org_id;
        const result = revocationOutcome({ sameOrg, orgDefault: calendar.default_level ?? ctx.store.directory.org(calendar.org_id)?.default_level ?? 'none' });
        outcome = result.kind;
        if (result.kind === 'stale') {
          const access = ctx.reader.accessFor(person, calendarId);
          if (access && !access.stale) ctx.store.sharing.putStale(person.id, calendarId, JSON.stringify({ ...access, stale: true }), now);
        }
      }
      const pending = ctx.store.sharing.pendingInvitation(calendarId, subject.id);
      // An invitation to what is no longer shared is withdrawn (it leaves the inbox).
      if (pending) ctx.store.sharing.deleteInvitation(pending.id);
    } else {
      affected = ctx.store.directory.membersOf(subject.id);
    }
    ctx.store.sharing.deleteGrant(calendarId, subject.kind, subject.id);
    ctx.store.audit.record(
      {
        orgId: calendar.org_id,
        actorId: actor.id,
        actorName: actor.name,
        action: 'grant.remove',
        calendarId,
        subject: `${subject.kind}:${subject.id}`,
        detail: { previousLevel: prev.level, outcome },
      },
      now,
    );
  });
  ctx.effects.accessChanged(affected, { byId: actor.id, byName: actor.name, directRevokedOn: subject.kind === 'user' ? new Set([calendarId]) : undefined });
  return permissionsOf(ctx, ctx.store.sharing.calendar(calendarId) ?? calendar);
}
