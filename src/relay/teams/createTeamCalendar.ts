import { randomUUID } from 'node:crypto';
import type { createTeamCalendarSchema, TeamCalendar } from '../../shared/protocol/teamCalendars';
import type { z } from 'zod';
import { forbidden, notFound } from '../RelayError';
import type { Actor, SharingContext } from '../sharing/SharingContext';
import { checkTeamMembers } from './checkTeamMembers';
import { toTeamCalendar } from './toTeamCalendar';
import { writeMaintainerGrants, writeScopeGrants } from './writeTeamGrants';

/**
 * An admin creates a calendar owned by the organisation. `ownerPersonId` (the
 * creating admin, or for the CLI any admin of the organisation) is recorded as
 * owner_id for the audit trail only: the team flag keeps it from owner level.
 */
export function createTeamCalendar(ctx: SharingContext, actor: Actor, orgId: string, ownerPersonId: string, body: z.output<typeof createTeamCalendarSchema>): TeamCalendar {
  if (!actor.isAdmin || (actor.orgId !== null && actor.orgId !== orgId)) throw forbidden('Only an administrator can create team calendars');
  if (!ctx.store.directory.org(orgId)) throw notFound('Organisation');
  checkTeamMembers(ctx, orgId, body.scope, body.maintainerIds);
  const id = randomUUID();
  const now = ctx.now();
  ctx.store.transaction(() => {
    ctx.store.sharing.createCalendar({ id, org_id: orgId, owner_id: ownerPersonId, name: body.name, default_level: 'none', created_at: now });
    ctx.store.teams.insertTeam({ calendar_id: id, scope_kind: body.scope.kind, level: body.level, accepts_submissions: body.acceptsSubmissions, created_by: actor.id, created_at: now });
    writeScopeGrants(ctx, actor, id, body.scope, body.level, now);
    writeMaintainerGrants(ctx, actor, id, body.maintainerIds, now);
    ctx.store.audit.record(
      {
        orgId,
        actorId: actor.id,
        actorName: actor.name,
        action: 'team.create',
        calendarId: id,
        subject: null,
        detail: { name: body.name, scope: body.scope, level: body.level, maintainerIds: body.maintainerIds, acceptsSubmissions: body.acceptsSubmissions },
      },
      now,
    );
  });
  const calendar = ctx.store.sharing.calendar(id)!;
  ctx.effects.accessChanged(ctx.reader.reachers(calendar), { byId: actor.id, byName: actor.name });
  return toTeamCalendar(ctx, calendar, ctx.store.teams.team(id)!);
}
