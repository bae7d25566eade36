import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportIcs } from '../../src/shared/ics/exportIcs';
import { NotIcalendarError } from '../../src/shared/ics/NotIcalendarError';
import { parseIcs } from '../../src/shared/ics/parseIcs';
import { generateIcs } from '../fixtures/ics/generateIcs';

const dir = path.resolve(__dirname, '../fixtures/ics');
const update = process.env.UPDATE_ICS_GOLDEN === '1';

if (update) writeFileSync(path.join(dir, 'large-1000.ics'), generateIcs({ count: 1000, seed: 1, zones: 'vtimezone' }));

const fixtures = readdirSync(dir).filter((f) => f.endsWith('.ics')).sort();

describe('ICS golden fixtures', () => {
  it('has every exporter shape', () => {
    for (const name of ['outlook', 'google', 'apple', 'thunderbird', 'large-1000', 'malformed-bad-dates', 'malformed-missing-end', 'malformed-folding', 'malformed-unknown-zones', 'malformed-bom-mixed-eol']) {
      expect(fixtures).toContain(`${name}.ics`);
    }
  });

  it('the large fixture is what its generator writes', () => {
    expect(readFileSync(path.join(dir, 'large-1000.ics'), 'utf8')).toBe(generateIcs({ count: 1000, seed: 1, zones: 'vtimezone' }));
  });

  for (const file of fixtures) {
    const expectedPath = path.join(dir, file.replace(/\.ics$/, '.expected.json'));
    it(`${file} parses to its expected JSON`, () => {
      const result = parseIcs(readFileSync(path.join(dir, file), 'utf8'));
      if (update) writeFileSync(expectedPath, `${JSON.stringify(result, null, 2)}\n`);
      expect(existsSync(expectedPath)).toBe(true);
      expect(result).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });

    it(`${file} survives export and re-import`, () => {
      const first = parseIcs(readFileSync(path.join(dir, file), 'utf8'));
      const again = parseIcs(exportIcs({ calendarName: first.calendarName ?? file, events: first.events, stampMs: 0 }));
      expect(again.skipped).toEqual([]);
      expect(again.warnings).toEqual([]);
      expect(again.events).toEqual(first.events);
    });
  }

  it('refuses a file that is not iCalendar at all, with a clear message', () => {
    expect(() => parseIcs(readFileSync(path.join(dir, 'not-ics.txt'), 'utf8'))).toThrow(NotIcalendarError);
    expect(() => parseIcs('')).toThrow(/empty/);
    expect(() => parseIcs('Subject: lunch')).toThrow(/no BEGIN:VCALENDAR/);
  });
});
