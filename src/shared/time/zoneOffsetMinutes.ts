import { IANAZone } from 'luxon';
import { MS_PER_DAY } from './daysFromCivil';

/**
 * UTC offset of a zone at an instant, in minutes east of UTC.
 *
 * luxon asks Intl.DateTimeFormat#formatToParts for every offset, which costs
 * microseconds; expanding thousands of series needs one per occurrence. So the
 * offsets are read once per zone and per ~25-day bucket: sampled daily, with each
 * change pinned to the minute by bisection, then answered from that small table.
 * Assumes a zone changes offset at most once per day, which holds for every rule
 * in the tz database since 1970 (and all that matter for calendars).
 */

const BUCKET_MS = 2 ** 31;
const MINUTE = 60_000;

interface Bucket {
  /** Instants at which an offset starts; at[0] is the bucket's start. */
  at: number[];
  offsets: number[];
}

const zones = new Map<string, Map<number, Bucket>>();

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu']);

function buildBucket(zone: IANAZone, index: number): Bucket {
  const start = index * BUCKET_MS;
  const end = start + BUCKET_MS;
  const at = [start];
  const offsets = [zone.offset(start)];
  let prevT = start;
  let prevO = offsets[0] as number;
  for (let t = Math.min(start + MS_PER_DAY, end); ; t = Math.min(t + MS_PER_DAY, end)) {
    const o = zone.offset(t);
    if (o !== prevO) {
      // The change lies in (prevT, t]: bisect on whole minutes (buckets do not start
      // on one) to the first minute of the new offset.
      let lo = Math.floor(prevT / MINUTE);
      let hi = Math.ceil(t / MINUTE);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zone.offset(mid * MINUTE) === prevO) lo = mid;
        else hi = mid;
      }
      at.push(Math.max(hi * MINUTE, start));
      offsets.push(o);
      prevO = o;
    }
    prevT = t;
    if (t >= end) break;
  }
  return { at, offsets };
}

const UTC_BUCKET: Bucket = { at: [Number.NEGATIVE_INFINITY], offsets: [0] };
let lastZone = '';
let lastIndex = Number.NaN;
let lastBucket: Bucket = UTC_BUCKET;

function bucketOf(zone: string, epochMs: number): Bucket {
  const index = Math.floor(epochMs / BUCKET_MS);
  // Consecutive look-ups nearly always hit the same zone and bucket.
  if (zone === lastZone && index === lastIndex) return lastBucket;
  let bucket: Bucket | undefined;
  if (UTC_NAMES.has(zone)) bucket = UTC_BUCKET;
  else {
    let table = zones.get(zone);
    if (!table) {
      if (!IANAZone.isValidZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
      table = new Map();
      zones.set(zone, table);
    }
    bucket = table.get(index);
    if (!bucket) {
      if (!Number.isFinite(epochMs)) throw new RangeError(`Not a finite instant: ${epochMs}`);
      bucket = buildBucket(IANAZone.create(zone), index);
      table.set(index, bucket);
    }
  }
  lastZone = zone;
  lastIndex = index;
  lastBucket = bucket;
  return bucket;
}

/**
 * The offset in force throughout [epochMs - radiusMs, epochMs + radiusMs], or NaN
 * when it changes there (or the span crosses a bucket): a cheap "no DST change
 * nearby" test.
 */
export function steadyOffsetMinutes(zone: string, epochMs: number, radiusMs: number): number {
  const lo = epochMs - radiusMs;
  const hi = epochMs + radiusMs;
  if (Math.floor(lo / BUCKET_MS) !== Math.floor(hi / BUCKET_MS)) return Number.NaN;
  const bucket = bucketOf(zone, lo);
  const at = bucket.at;
  let i = at.length - 1;
  while (i > 0 && (at[i] as number) > hi) i--;
  return (at[i] as number) <= lo ? (bucket.offsets[i] as number) : Number.NaN;
}

export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  const bucket = bucketOf(zone, epochMs);
  const at = bucket.at;
  let i = at.length - 1;
  while (i > 0 && (at[i] as number) > epochMs) i--;
  return bucket.offsets[i] as number;
}
