import { DateTime } from 'luxon';
import { listZones } from '../../shared/time/listZones';

/**
 * IANA zones for the zone pickers, labelled with their current UTC offset and
 * sorted by it, the way Outlook lists them. Built once: ~400 zones cost a few
 * milliseconds to label, not worth repeating per render.
 */
export interface ZoneOption {
  zone: string;
  label: string;
  offset: number;
}

let cached: ZoneOption[] | null = null;


export function zoneLabel(zone: string, now = Date.now()): string {
  const dt = DateTime.fromMillis(now, { zone });
  if (!dt.isValid) return zone;
  return `(UTC${dt.toFormat('ZZ')}) ${zone.replace(/_/g, ' ')}`;
}

export function zoneOptions(extra: readonly (string | null)[] = []): ZoneOption[] {
  if (!cached) {
    const now = Date.now();
    const zones = new Set(listZones());
    cached = [...zones]
      .map((zone) => ({ zone, label: zoneLabel(zone, now), offset: DateTime.fromMillis(now, { zone }).offset }))
      .filter((o) => Number.isFinite(o.offset))
      .sort((a, b) => a.offset - b.offset || a.zone.localeCompare(b.zone));
  }
  const missing = extra.filter((z): z is string => !!z && !cached!.some((o) => o.zone === z));
  return missing.length === 0 ? cached : [...missing.map((zone) => ({ zone, label: zoneLabel(zone), offset: 0 })), ...cached];
}
