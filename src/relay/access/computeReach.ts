import { effectiveLevel } from '../../shared/permissions/effectiveLevel';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { AccessVia } from '../../shared/protocol/api';
import type { CalendarRow, GrantRow } from '../store/rowSchemas';

/** How far one person reaches one calendar, and through what. */
export interface Reach {
  level: PermissionLevel;
  via: AccessVia;
  seesPrivate: boolean;
}

export interface ReachInput {
  personId: string;
  personOrgId: string;
  /** Groups the person belongs to. */
  groupIds: ReadonlySet<string>;
  calendar: Pick<CalendarRow, 'owner_id' | 'org_id' | 'default_level' | 'team'>;
  /** The calendar's grants (others are ignored). */
  grants: readonly GrantRow[];
  /** The default of the calendar's organisation. */
  orgDefault: PermissionLevel;
}

/**
 * The effective level by src/shared/permissions/effectiveLevel.ts: the owner is
 * owner; a direct grant wins; else the highest group grant; else the calendar's
 * default, or the organisation's when the calendar follows it. A person of
 * another organisation reaches it only through a direct grant (via 'external'):
 * groups and defaults belong to the owner's organisation.
 */
export function computeReach(input: ReachInput): Reach {
  const { calendar, personId } = input;
  // A team calendar belongs to the organisation: whoever created it reaches it like anyone else.
  if (calendar.owner_id === personId && calendar.team !== true) return { level: 'owner', via: 'owner', seesPrivate: true };
  const direct = input.grants.find((g) => g.subject_kind === 'user' && g.subject_id === personId) ?? null;
  if (input.personOrgId !== calendar.org_id) {
    const level = effectiveLevel({ direct: direct?.level ?? null, groups: [], orgDefault: 'none' });
    return { level, via: 'external', seesPrivate: direct?.sees_private ?? false };
  }
  const groupGrants = input.grants.filter((g) => g.subject_kind === 'group' && input.groupIds.has(g.subject_id));
  const level = effectiveLevel({
    direct: direct?.level ?? null,
    groups: groupGrants.map((g) => g.level),
    orgDefault: calendar.default_level ?? input.orgDefault,
  });
  if (direct) return { level, via: 'direct', seesPrivate: direct.sees_private };
  if (groupGrants.length > 0) return { level, via: 'group', seesPrivate: groupGrants.some((g) => g.level === level && g.sees_private) };
  return { level, via: 'default', seesPrivate: false };
}
