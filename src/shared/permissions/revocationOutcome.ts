import { effectiveLevel } from './effectiveLevel';
import type { PermissionLevel } from './PermissionLevel';

export type RevocationOutcome =
  /** The recipient keeps the calendar at a lower level: re-sync and delete what it may no longer hold. */
  | { kind: 'fallback'; level: PermissionLevel }
  /** The calendar leaves the recipient's devices. */
  | { kind: 'remove' }
  /** Another organisation's replica stops syncing and stays, marked stale. */
  | { kind: 'stale' };

export interface RevocationContext {
  /** Whether the recipient is in the calendar owner's organisation. */
  sameOrg: boolean;
  orgDefault: PermissionLevel;
  /** Group grants still reaching the recipient. */
  groups?: readonly PermissionLevel[];
}

/**
 * What revoking a person's direct grant does (DESIGN.md, Permission levels):
 * same organisation -> falls back to what is left (the highest group grant, else
 * the default) when that is above none, else removal; another organisation -> stale.
 * Group grants count because effectiveLevel would still give them.
 */
export function revocationOutcome(ctx: RevocationContext): RevocationOutcome {
  if (!ctx.sameOrg) return { kind: 'stale' };
  const level = effectiveLevel({ groups: ctx.groups ?? [], orgDefault: ctx.orgDefault });
  return level === 'none' ? { kind: 'remove' } : { kind: 'fallback', level };
}
