import { PERMISSION_LEVELS, type PermissionLevel } from './PermissionLevel';

const RANK: Record<PermissionLevel, number> = Object.fromEntries(PERMISSION_LEVELS.map((l, i) => [l, i])) as Record<PermissionLevel, number>;

/** Negative when a grants less than b, 0 when equal, positive when more. */
export function compareLevels(a: PermissionLevel, b: PermissionLevel): number {
  return RANK[a] - RANK[b];
}

export function atLeast(level: PermissionLevel, min: PermissionLevel): boolean {
  return RANK[level] >= RANK[min];
}

/** The highest of the levels; 'none' for an empty list. */
export function maxLevel(levels: readonly PermissionLevel[]): PermissionLevel {
  let best: PermissionLevel = 'none';
  for (const l of levels) if (RANK[l] > RANK[best]) best = l;
  return best;
}

export function minLevel(a: PermissionLevel, b: PermissionLevel): PermissionLevel {
  return RANK[a] <= RANK[b] ? a : b;
}
