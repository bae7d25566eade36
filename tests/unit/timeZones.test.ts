import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { addDaysLocal } from '../../src/shared/time/addDaysLocal';
import { addMinutesLocal } from '../../src/shared/time/addMinutesLocal';
import { civilFromDays, daysFromCivil, daysInMonth, weekdayFromDays } from '../../src/shared/time/daysFromCivil';
import { epochToLocal } from '../../src/shared/time/epochToLocal';
import { isValidZone } from '../../src/shared/time/isValidZone';
import { listZones } from '../../src/shared/time/listZones';
import { localToEpoch } from '../../src/shared/time/localToEpoch';
import { normalizeLocal } from '../../src/shared/time/normalizeLocal';
import { parseLocal } from '../../src/shared/time/parseLocal';
import { systemZone } from '../../src/shared/time/systemZone';
import { zoneOffsetMinutes } from '../../src/shared/time/zoneOffsetMinutes';

const utc = (iso: string) => Date.parse(iso);

describe('zones', () => {
  it('isValidZone knows IANA names and UTC, and refuses the rest', () => {
    expect(isValidZone('Europe/Berlin')).toBe(true);
    expect(isValidZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Europe/Berln')).toBe(false);
    expect(isValidZone('')).toBe(false);
    expect(isValidZone('W. Europe Standard Time')).toBe(false);
  });

  it('systemZone is a valid zone', () => {
    expect(isValidZone(systemZone())).toBe(true);
  });

  it('listZones is sorted, includes UTC and common zones', () => {
    const zones = listZones();
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('America/New_York');
    expect([...zones].sort()).toEqual([...zones]);
    expect(zones.length).toBeGreaterThan(300);
  });

  it('listZones falls back to a built-in list without Intl.supportedValuesOf', async () => {
    vi.resetModules();
    const original = Intl.supportedValuesOf;
    (Intl as { supportedValuesOf?: unknown }).supportedValuesOf = undefined;
    try {
      const { listZones: fresh } = await import('../../src/shared/time/listZones');
      const zones = fresh();
      expect(zones).toContain('UTC');
      expect(zones).toContain('Asia/Kolkata');
      expect(zones.every((z) => isValidZone(z))).toBe(true);
    } finally {
      Intl.supportedValuesOf = original;
      vi.resetModules();
    }
  });
});

describe('civil date arithmetic', () => {
  it('round-trips day numbers across centuries and knows weekdays', () => {
    for (let d = -800_000; d <= 800_000; d += 997) {
      const c = civilFromDays(d);
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(d);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(weekdayFromDays(daysFromCivil(2026, 3, 16))).toBe(0); // Monday
    expect(weekdayFromDays(daysFromCivil(1969, 12, 28))).toBe(6); // Sunday
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
});

describe('local values', () => {
  it('parseLocal reads the three forms and refuses impossible dates', () => {
    expect(parseLocal('2026-03-29')).toMatchObject({ year: 2026, month: 3, day: 29, dateOnly: true });
    expect(parseLocal('2026-03-29T02:30')).toMatchObject({ hour: 2, minute: 30, second: 0, dateOnly: false });
    expect(parseLocal('2026-03-29T02:30:15')).toMatchObject({ second: 15 });
    for (const bad of ['2026-02-30', '2026-13-01', '2026-03-29T24:00', '2026-3-29', '2026-03-29T10:00Z', '', 'tomorrow']) {
      expect(parseLocal(bad), bad).toBeNull();
    }
  });

  it('normalizeLocal adds seconds so equal times compare equal', () => {
    expect(normalizeLocal('2026-03-29T10:00')).toBe('2026-03-29T10:00:00');
    expect(normalizeLocal('2026-03-29T10:00:00')).toBe('2026-03-29T10:00:00');
    expect(normalizeLocal('2026-03-29')).toBe('2026-03-29');
    expect(normalizeLocal('nope')).toBeNull();
  });
});

describe('offsets', () => {
  it('zoneOffsetMinutes matches luxon at and around transitions', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham', 'UTC'];
    const instants = [
      utc('2026-03-29T00:59:59Z'), utc('2026-03-29T01:00:00Z'), utc('2026-10-25T00:59:59Z'), utc('2026-10-25T01:00:00Z'),
      utc('2026-03-08T06:59:00Z'), utc('2026-03-08T07:00:00Z'), utc('2026-11-01T05:59:00Z'), utc('2026-11-01T06:00:00Z'),
    ];
    for (let t = utc('2015-01-01T00:00:00Z'); t < utc('2030-01-01T00:00:00Z'); t += 7_777_777_7) instants.push(t);
    for (const zone of zones) {
      for (const t of instants) {
        expect(zoneOffsetMinutes(zone, t), `${zone} ${new Date(t).toISOString()}`).toBe(DateTime.fromMillis(t, { zone }).offset);
      }
    }
  });

  it('refuses unknown zones', () => {
    expect(() => zoneOffsetMinutes('Mars/Olympus', 0)).toThrow(RangeError);
  });
});

describe('localToEpoch', () => {
  it('reads wall time in the zone', () => {
    expect(localToEpoch('2026-03-16T10:00', 'Europe/Berlin', 'UTC')).toBe(utc('2026-03-16T09:00:00Z'));
    expect(localToEpoch('2026-07-01T10:00:00', 'Europe/Berlin', 'UTC')).toBe(utc('2026-07-01T08:00:00Z'));
    expect(localToEpoch('2026-07-01T10:00:00', 'America/New_York', 'UTC')).toBe(utc('2026-07-01T14:00:00Z'));
  });

  it('moves a wall time in a DST gap forward by the gap (RFC 5545 3.3.5)', () => {
    expect(localToEpoch('2026-03-29T02:30', 'Europe/Berlin', 'UTC')).toBe(utc('2026-03-29T01:30:00Z'));
    expect(epochToLocal(localToEpoch('2026-03-29T02:30', 'Europe/Berlin', 'UTC'), 'Europe/Berlin')).toBe('2026-03-29T03:30:00');
    expect(localToEpoch('2026-03-08T02:15', 'America/New_York', 'UTC')).toBe(utc('2026-03-08T07:15:00Z'));
  });

  it('takes the first of a repeated wall time', () => {
    expect(localToEpoch('2026-10-25T02:30', 'Europe/Berlin', 'UTC')).toBe(utc('2026-10-25T00:30:00Z'));
    expect(localToEpoch('2026-11-01T01:30', 'America/New_York', 'UTC')).toBe(utc('2026-11-01T05:30:00Z'));
  });

  it('places floating times and dates in the floating zone', () => {
    expect(localToEpoch('2026-03-16T10:00', null, 'Asia/Tokyo')).toBe(utc('2026-03-16T01:00:00Z'));
    expect(localToEpoch('2026-03-16', null, 'Europe/Berlin')).toBe(utc('2026-03-15T23:00:00Z'));
    expect(localToEpoch('2026-03-16', null, 'UTC')).toBe(utc('2026-03-16T00:00:00Z'));
  });

  it('agrees with luxon on unambiguous wall times', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kathmandu']) {
      for (let day = 0; day < 730; day += 3) {
        const dt = DateTime.fromObject({ year: 2026, month: 1, day: 1, hour: 12, minute: 15 }, { zone }).plus({ days: day });
        const local = dt.toFormat("yyyy-MM-dd'T'HH:mm:ss");
        expect(localToEpoch(local, zone, 'UTC'), `${zone} ${local}`).toBe(dt.toMillis());
      }
    }
  });

  it('throws on malformed values and unknown zones', () => {
    expect(() => localToEpoch('2026-02-30T10:00', 'UTC', 'UTC')).toThrow(RangeError);
    expect(() => localToEpoch('2026-03-16T10:00', 'Europe/Berln', 'UTC')).toThrow(/Unknown time zone/);
    expect(() => localToEpoch('2026-03-16T10:00', null, 'Nowhere/Else')).toThrow(/Unknown time zone/);
  });
});

describe('epochToLocal / addMinutesLocal / addDaysLocal', () => {
  it('epochToLocal shows the wall time with seconds', () => {
    expect(epochToLocal(utc('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00');
    expect(epochToLocal(utc('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00');
    expect(epochToLocal(utc('2026-01-01T00:00:00.999Z'), 'UTC')).toBe('2026-01-01T00:00:00');
    expect(() => epochToLocal(0, 'Nowhere')).toThrow(RangeError);
  });

  it('addMinutesLocal adds elapsed minutes in a zone, wall minutes without one', () => {
    expect(addMinutesLocal('2026-03-29T01:30', 60, 'Europe/Berlin')).toBe('2026-03-29T03:30:00');
    expect(addMinutesLocal('2026-10-25T02:30', 60, 'Europe/Berlin')).toBe('2026-10-25T02:30:00');
    expect(addMinutesLocal('2026-03-29T01:30', 60)).toBe('2026-03-29T02:30:00');
    expect(addMinutesLocal('2026-12-31T23:30:00', 45)).toBe('2027-01-01T00:15:00');
    expect(addMinutesLocal('2026-03-16', 90)).toBe('2026-03-16T01:30:00');
    expect(addMinutesLocal('2026-03-16T10:00', -30, 'America/New_York')).toBe('2026-03-16T09:30:00');
  });

  it('addDaysLocal steps calendar days and keeps the form', () => {
    expect(addDaysLocal('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDaysLocal('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysLocal('2026-03-28T10:00', 1)).toBe('2026-03-29T10:00:00');
    expect(addDaysLocal('2026-01-01', -1)).toBe('2025-12-31');
  });
});
