import { badRequest } from '../RelayError';
import type { SharingContext } from '../sharing/SharingContext';
import type { TeamScope } from '../../shared/protocol/teamCalendars';

/** Scope groups and maintainers must belong to the calendar's organisation: team calendars are never shared outside it. */
export function checkTeamMembers(ctx: SharingContext, orgId: string, scope: TeamScope | null, maintainerIds: readonly string[] | null): void {
  if (scope?.kind === 'groups') {
    for (const id of scope.groupIds) {
      const g = ctx.store.directory.group(id);
      if (!g || g.org_id !== orgId) throw badRequest(`scope.groupIds: ${id} is not a group of the organisation`);
    }
  }
  for (const id of maintainerIds ?? []) {
    const p = ctx.store.directory.person(id);
    if (!p || p.org_id !== orgId) throw badRequest(`maintainerIds: ${id} is not a person of the organisation`);
  }
}
