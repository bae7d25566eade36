import type { TeamScope, TeamScopeLevel } from '../../shared/protocol/teamCalendars';
import type { Actor, SharingContext } from '../sharing/SharingContext';

/**
 * Materialises a team calendar's scope as the ordinary sharing model: the whole
 * organisation is the calendar's default level; departments are group grants at
 * the level (default none). Call inside a transaction.
 */
export function writeScopeGrants(ctx: SharingContext, actor: Actor, calendarId: string, scope: TeamScope, level: TeamScopeLevel, now: number): void {
  const wanted = new Set(scope.kind === 'groups' ? scope.groupIds : []);
  for (const g of ctx.store.sharing.grants(calendarId)) {
    if (g.subject_kind === 'group' && !wanted.has(g.subject_id)) ctx.store.sharing.deleteGrant(calendarId, 'group', g.subject_id);
  }
  for (const id of wanted) {
    const existing = ctx.store.sharing.grant(calendarId, 'group', id);
    if (existing?.level === level) continue;
    ctx.store.sharing.putGrant({ calendar_id: calendarId, subject_kind: 'group', subject_id: id, level, sees_private: false, since: now, granted_by: actor.id });
  }
  ctx.store.sharing.setCalendarDefault(calendarId, scope.kind === 'org' ? level : 'none');
}

/** Maintainers are direct grants at editor, written without an invitation: they see the calendar at once. */
export function writeMaintainerGrants(ctx: SharingContext, actor: Actor, calendarId: string, userIds: readonly string[], now: number): void {
  const wanted = new Set(userIds);
  for (const g of ctx.store.sharing.grants(calendarId)) {
    if (g.subject_kind === 'user' && !wanted.has(g.subject_id)) ctx.store.sharing.deleteGrant(calendarId, 'user', g.subject_id);
  }
  for (const id of wanted) {
    if (ctx.store.sharing.grant(calendarId, 'user', id)?.level === 'editor') continue;
    ctx.store.sharing.putGrant({ calendar_id: calendarId, subject_kind: 'user', subject_id: id, level: 'editor', sees_private: false, since: now, granted_by: actor.id });
  }
}
