import type { IndexRow } from './TesseraDb';

export const DAY_MS = 86_400_000;
/** Longer events live in the shared bucket -1 instead of one bucket per day. */
export const LONG_EVENT_DAYS = 62;
export const LONG_BUCKET = -1;

/** UTC days a row touches: every day of a multi-day event, so a query never looks back. */
export function daysOfRow(row: Pick<IndexRow, 'startMs' | 'endMs'>): number[] {
  const first = Math.floor(row.startMs / DAY_MS);
  const last = Math.floor(Math.max(row.startMs, row.endMs - 1) / DAY_MS);
  if (last - first >= LONG_EVENT_DAYS) return [LONG_BUCKET];
  const days: number[] = [];
  for (let d = first; d <= last; d++) days.push(d);
  return days;
}

export function groupByDay(rows: Iterable<IndexRow>): Map<number, IndexRow[]> {
  const byDay = new Map<number, IndexRow[]>();
  for (const row of rows) {
    for (const day of daysOfRow(row)) {
      const list = byDay.get(day);
      if (list) list.push(row);
      else byDay.set(day, [row]);
    }
  }
  return byDay;
}

/** Adds [from, to) to sorted disjoint ranges, merging what touches. */
export function addRange(ranges: readonly [number, number][], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let lo = from;
  let hi = to;
  for (const [a, b] of ranges) {
    if (b < lo || a > hi) out.push([a, b]);
    else {
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
  }
  out.push([lo, hi]);
  return out.sort((x, y) => x[0] - y[0]);
}

/** Parts of [from, to) that no range covers. */
export function missingRanges(ranges: readonly [number, number][], from: number, to: number): [number, number][] {
  const gaps: [number, number][] = [];
  let cursor = from;
  for (const [a, b] of ranges) {
    if (b <= cursor) continue;
    if (a >= to) break;
    if (a > cursor) gaps.push([cursor, a]);
    cursor = Math.max(cursor, b);
    if (cursor >= to) break;
  }
  if (cursor < to) gaps.push([cursor, to]);
  return gaps;
}
