import { IANAZone } from 'luxon';
import { MS_PER_DAY } from '../time/daysFromCivil';
import { formatWall } from '../time/formatLocal';
import { zoneOffsetMinutes } from '../time/zoneOffsetMinutes';

const MINUTE = 60_000;

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function icsLocal(wall: number): string {
  return formatWall(wall, false).replace(/[-:]/g, '');
}

/** Instants in [fromMs, toMs) at which the zone's offset changes, each pinned to the minute. */
function transitions(zone: string, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  let prev = zoneOffsetMinutes(zone, fromMs);
  for (let t = fromMs + MS_PER_DAY; t < toMs + MS_PER_DAY; t += MS_PER_DAY) {
    const o = zoneOffsetMinutes(zone, t);
    if (o === prev) continue;
    let lo = t - MS_PER_DAY;
    let hi = t;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (zoneOffsetMinutes(zone, mid) === prev) lo = mid;
      else hi = mid;
    }
    if (hi < toMs) out.push(hi);
    prev = o;
  }
  return out;
}

/**
 * A VTIMEZONE for an IANA zone covering the years [fromYear, toYear], built from
 * the platform's tz data through luxon: one observance for the offset in force on
 * 1 January of `fromYear`, then one per offset change (DTSTART in the wall time of
 * the offset before it, as RFC 5545 3.6.5 reads it). Explicit onsets instead of
 * RRULEs, so no reader has to agree with us on how a rule repeats.
 */
export function buildVtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const luxonZone = IANAZone.create(zone);
  const fromMs = Date.UTC(fromYear, 0, 1);
  const toMs = Date.UTC(toYear + 1, 0, 1);
  const first = zoneOffsetMinutes(zone, fromMs);
  // Standard time is the lower offset of each pair; a zone with one offset has only STANDARD.
  const kind = (offset: number, other: number): string => (offset > other ? 'DAYLIGHT' : 'STANDARD');
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (type: string, wallStart: number, from: number, to: number, name: string | null): void => {
    lines.push(`BEGIN:${type}`, `DTSTART:${icsLocal(wallStart)}`, `TZOFFSETFROM:${offsetText(from)}`, `TZOFFSETTO:${offsetText(to)}`);
    if (name) lines.push(`TZNAME:${name}`);
    lines.push(`END:${type}`);
  };
  const abbrev = (at: number): string | null => {
    const n = luxonZone.offsetName(at, { format: 'short', locale: 'en-US' });
    return n && /^[A-Za-z]{2,6}$/.test(n) ? n : null;
  };
  const changes = transitions(zone, fromMs, toMs);
  const nextOffset = changes.length > 0 ? zoneOffsetMinutes(zone, changes[0] as number) : first;
  observance(first > nextOffset ? 'DAYLIGHT' : 'STANDARD', fromMs + first * MINUTE, first, first, abbrev(fromMs));
  let prev = first;
  for (const at of changes) {
    const offset = zoneOffsetMinutes(zone, at);
    observance(kind(offset, prev), at + prev * MINUTE, prev, offset, abbrev(at));
    prev = offset;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
