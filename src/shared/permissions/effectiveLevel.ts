import { maxLevel, minLevel } from './compareLevels';
import type { PermissionLevel } from './PermissionLevel';

export interface Grants {
  /** A grant to the person themself; wins even when lower than a group grant, so an owner can single someone out. */
  direct?: PermissionLevel | null;
  /** Grants to groups (departments, teams) the person belongs to. */
  groups: readonly PermissionLevel[];
  /** The organisation default ("My organization"). */
  orgDefault: PermissionLevel;
  /** For a person of another organisation: the most that organisation's external policy allows. */
  cap?: PermissionLevel;
}

/** DESIGN.md: a direct grant if one exists, else the highest group grant, else the default; then any external cap. */
export function effectiveLevel(grants: Grants): PermissionLevel {
  const level = grants.direct != null ? grants.direct : grants.groups.length > 0 ? maxLevel(grants.groups) : grants.orgDefault;
  return grants.cap === undefined ? level : minLevel(level, grants.cap);
}
