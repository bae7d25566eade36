import { describe, expect, it } from 'vitest';
import { addRange, DAY_MS, daysOfRow, LONG_BUCKET, missingRanges } from '../../src/renderer/replica/dayBuckets';

describe('day buckets', () => {
  it('places a row in every UTC day it touches, a very long one in the shared bucket', () => {
    expect(daysOfRow({ startMs: 10 * DAY_MS + 5, endMs: 10 * DAY_MS + 10 })).toEqual([10]);
    expect(daysOfRow({ startMs: 10 * DAY_MS, endMs: 12 * DAY_MS })).toEqual([10, 11]);
    expect(daysOfRow({ startMs: 10 * DAY_MS, endMs: 10 * DAY_MS })).toEqual([10]);
    expect(daysOfRow({ startMs: 0, endMs: 400 * DAY_MS })).toEqual([LONG_BUCKET]);
  });

  it('keeps materialised ranges disjoint and finds the gaps', () => {
    let r = addRange([], 100, 200);
    r = addRange(r, 300, 400);
    expect(missingRanges(r, 50, 450)).toEqual([[50, 100], [200, 300], [400, 450]]);
    expect(missingRanges(r, 120, 180)).toEqual([]);
    r = addRange(r, 200, 300);
    expect(r).toEqual([[100, 400]]);
  });
});
