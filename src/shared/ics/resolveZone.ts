import ICAL from 'ical.js';
import { findIana, WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { isValidZone } from '../time/isValidZone';
import { zoneOffsetMinutes } from '../time/zoneOffsetMinutes';
import type { IcsComponent } from './IcsComponent';
import { WINDOWS_DISPLAY_NAMES } from './windowsDisplayNames';

/** How a TZID was read: an IANA zone, or null for floating time, and what was guessed. */
export interface ResolvedZone {
  zone: string | null;
  /** Set when the reading is a guess the person should know about. */
  warning: string | null;
}

const DISPLAY = /^\(UTC(?:([+-])(\d{1,2}):(\d{2}))?\)\s*(.*)$/i;
const IANA_SUFFIX = /([A-Za-z_]+\/[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)?)$/;

let cityIndex: Map<string, string> | null = null;

/** Lower-cased city ("new york", "kolkata") -> IANA zone, from the platform's zone list and windows-iana. */
function cities(): Map<string, string> {
  if (cityIndex) return cityIndex;
  const names = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  for (const m of WINDOWS_TO_IANA_MAP) for (const z of m.iana) names.add(z);
  cityIndex = new Map();
  for (const z of names) {
    const city = z.slice(z.lastIndexOf('/') + 1).replace(/_/g, ' ').toLowerCase();
    if (!cityIndex.has(city) && isValidZone(z)) cityIndex.set(city, z);
  }
  return cityIndex;
}

function windowsToIana(name: string): string | null {
  if (name === 'UTC') return 'UTC';
  try {
    const found = findIana(name as Parameters<typeof findIana>[0]);
    return found.find(isValidZone) ?? null;
  } catch {
    return null;
  }
}

let primaries: string[] | null = null;

/** One representative IANA zone per Windows zone: the candidates for matching a VTIMEZONE by its offsets. */
function primaryZones(): string[] {
  if (!primaries) {
    const seen = new Set<string>();
    for (const m of WINDOWS_TO_IANA_MAP) {
      const z = m.iana[0];
      if (m.territory === '001' && z && isValidZone(z)) seen.add(z);
    }
    primaries = [...seen];
  }
  return primaries;
}

/** The IANA zone whose offsets match a VTIMEZONE's on two days of every month of `year`, if any. */
function matchVtimezone(vtz: IcsComponent, year: number): string | null {
  let tz: InstanceType<typeof ICAL.Timezone>;
  try {
    tz = new ICAL.Timezone(new ICAL.Component(ICAL.parse(componentText(vtz)) as unknown as unknown[]));
  } catch {
    return null;
  }
  const samples: { instant: number; offset: number }[] = [];
  for (let month = 1; month <= 12; month++) {
    for (const day of [1, 15]) {
      const local = ICAL.Time.fromData({ year, month, day, hour: 12, minute: 0, second: 0, isDate: false });
      const offset = Math.round(tz.utcOffset(local) / 60);
      samples.push({ instant: Date.UTC(year, month - 1, day, 12) - offset * 60_000, offset });
    }
  }
  return primaryZones().find((z) => samples.every((s) => zoneOffsetMinutes(z, s.instant) === s.offset)) ?? null;
}

/** A block written back as iCalendar text, for ical.js to read. */
export function componentText(c: IcsComponent): string {
  const lines = [`BEGIN:${c.name}`];
  for (const p of c.props) {
    const params = Object.entries(p.params).map(([k, v]) => `;${k}=${/[:;,]/.test(v) ? `"${v}"` : v}`).join('');
    lines.push(`${p.name}${params}:${p.value}`);
  }
  for (const child of c.children) lines.push(componentText(child));
  lines.push(`END:${c.name}`);
  return lines.join('\r\n');
}

/**
 * Reads TZIDs as IANA zones, caching each answer (ical.js looks a TZID with no
 * VTIMEZONE up again on every time read; DESIGN.md, Known traps). In order:
 * an IANA name; a Windows zone id (windows-iana); an IANA name at the end of a
 * vendor path (/mozilla.org/20050126_1/Europe/Berlin); an Outlook display name
 * by its label or its cities; the zone whose offsets match the file's VTIMEZONE;
 * a display name's fixed offset; else floating, with a warning saying so.
 */
export class ZoneResolver {
  private readonly cache = new Map<string, ResolvedZone>();

  constructor(private readonly vtimezones: ReadonlyMap<string, IcsComponent>) {}

  resolve(tzid: string, yearHint: number): ResolvedZone {
    let r = this.cache.get(tzid);
    if (!r) {
      r = this.compute(tzid.trim(), yearHint);
      this.cache.set(tzid, r);
    }
    return r;
  }

  private compute(tzid: string, yearHint: number): ResolvedZone {
    const ok = (zone: string): ResolvedZone => ({ zone, warning: null });
    if (isValidZone(tzid)) return ok(tzid);
    const windows = windowsToIana(tzid);
    if (windows) return ok(windows);
    const suffix = IANA_SUFFIX.exec(tzid)?.[1];
    if (suffix && isValidZone(suffix)) return ok(suffix);
    const display = DISPLAY.exec(tzid);
    if (display) {
      const label = (display[4] ?? '').trim().toLowerCase();
      const known = WINDOWS_DISPLAY_NAMES[label];
      const mapped = known ? windowsToIana(known) : null;
      if (mapped) return ok(mapped);
      for (const city of label.split(/\s*,\s*|\s+and\s+/)) {
        const z = cities().get(city.replace(/\s*\(.*\)$/, ''));
        if (z) return ok(z);
      }
    }
    const vtz = this.vtimezones.get(tzid);
    if (vtz) {
      const matched = matchVtimezone(vtz, yearHint);
      if (matched) return { zone: matched, warning: `TZID ${JSON.stringify(tzid)} is not a known zone name; its VTIMEZONE matches ${matched} in ${yearHint}, read as ${matched}` };
    }
    if (display) {
      const hours = Number(display[2] ?? 0);
      const minutes = Number(display[3] ?? 0);
      if (minutes === 0 && hours <= 14) {
        const zone = hours === 0 ? 'UTC' : `Etc/GMT${display[1] === '+' ? '-' : '+'}${hours}`;
        return { zone, warning: `TZID ${JSON.stringify(tzid)} names no known zone; read at its fixed offset as ${zone} (no daylight saving)` };
      }
    }
    return { zone: null, warning: `TZID ${JSON.stringify(tzid)} is unknown${vtz ? ' and its VTIMEZONE matches no zone' : ' and has no VTIMEZONE'}; its times are read as floating (the same clock time in every zone)` };
  }
}
