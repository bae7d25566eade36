import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSeries } from '../../src/shared/recurrence/expandSeries';
import { readIcsSeries } from './support/readIcsSeries';

/**
 * Golden tests: each tests/fixtures/recurrence/<name>.ics beside <name>.expected.json,
 * whose occurrences were derived independently (make_expected.py: python-dateutil
 * + zoneinfo), never by running this code.
 */
const DIR = join(__dirname, '..', 'fixtures', 'recurrence');

interface Expected {
  description: string;
  floatingZone: string;
  range: { from: string; to: string };
  occurrences: Array<{ recurrenceId: string; start: string; end: string; startUtc: string; endUtc: string; overridden: boolean }>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const names = readdirSync(DIR).filter((f) => f.endsWith('.ics')).map((f) => f.slice(0, -4)).sort();

describe('recurrence golden files', () => {
  it('has the fixtures the brief asks for', () => {
    expect(names).toEqual(expect.arrayContaining([
      'berlin-weekly-march-dst', 'berlin-weekly-october-dst', 'new-york-march-dst', 'new-york-november-dst',
      'bysetpos-last-weekday', 'until-utc-tokyo', 'count-biweekly-paris', 'exdate-all-day', 'override-moved',
    ]));
  });

  for (const name of names) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as Expected;
      const { when, overrides } = readIcsSeries(readFileSync(join(DIR, `${name}.ics`), 'utf8'));
      const range = { fromMs: Date.parse(expected.range.from), toMs: Date.parse(expected.range.to) };
      const got = expandSeries(when, overrides, range, expected.floatingZone).map((o) => ({
        recurrenceId: o.recurrenceId,
        start: o.start,
        end: o.end,
        startUtc: iso(o.startMs),
        endUtc: iso(o.endMs),
        overridden: o.overridden,
      }));
      expect(got, expected.description).toEqual(expected.occurrences);
    });
  }
});
