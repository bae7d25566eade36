import { MS_PER_DAY } from './daysFromCivil';
import { steadyOffsetMinutes, zoneOffsetMinutes } from './zoneOffsetMinutes';

const MINUTE = 60_000;

/**
 * The instant of a wall time (see wallOfParts) in a zone, by RFC 5545 3.3.5:
 * a wall time that occurs twice (clocks going back) means the first of the two;
 * one that does not occur (clocks going forward) is read with the offset from
 * before the gap, so 02:30 on a spring-forward night becomes 03:30.
 */
export function wallToEpoch(wallMs: number, zone: string): number {
  const steady = steadyOffsetMinutes(zone, wallMs, MS_PER_DAY);
  if (!Number.isNaN(steady)) return wallMs - steady * MINUTE;
  // Offsets a day either side of the wall time bracket any change that could
  // make the wall time ambiguous or missing.
  const before = zoneOffsetMinutes(zone, wallMs - MS_PER_DAY);
  const after = zoneOffsetMinutes(zone, wallMs + MS_PER_DAY);
  const t1 = wallMs - before * MINUTE;
  const ok1 = zoneOffsetMinutes(zone, t1) === before;
  if (before === after) {
    if (ok1) return t1;
    // Two changes within two days (rare): take the offset in force at the first guess.
    const o = zoneOffsetMinutes(zone, t1);
    const t3 = wallMs - o * MINUTE;
    return zoneOffsetMinutes(zone, t3) === o ? t3 : t1;
  }
  const t2 = wallMs - after * MINUTE;
  const ok2 = zoneOffsetMinutes(zone, t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok1) return t1;
  if (ok2) return t2;
  return t1;
}

/** The wall time (see wallOfParts) that an instant shows in a zone. */
export function epochToWall(epochMs: number, zone: string): number {
  return epochMs + zoneOffsetMinutes(zone, epochMs) * MINUTE;
}
