import { describe, expect, it } from 'vitest';
import { readTimeValue } from '../../src/shared/ics/readIcsValues';
import { scanIcs } from '../../src/shared/ics/scanIcs';

// scanIcs splits lines by hand and upper-cases only lines that can be BEGIN/END;
// these pin what the regex split and the upper-casing of every line used to give.
describe('scanIcs line splitting', () => {
  it('numbers lines the same through CRLF, LF and lone CR, blank lines included', () => {
    const text = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\nUID:a\rDTSTART:20260101\r\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const scan = scanIcs(text);
    expect(scan.events).toHaveLength(1);
    const ev = scan.events[0]!;
    expect(ev.line).toBe(2);
    expect(ev.props.map((p) => [p.name, p.line])).toEqual([
      ['UID', 3],
      ['DTSTART', 4],
      ['SUMMARY', 6],
    ]);
  });

  it('reads lower-case and indented BEGIN/END lines, and a text without a final line break', () => {
    const scan = scanIcs(' begin:vcalendar\nbegin:vevent\nUID:a\nDTSTART:20260101\nend:vevent\nEND:VCALENDAR');
    expect(scan.events.map((e) => [e.name, e.broken])).toEqual([['VEVENT', null]]);
    expect(scan.warnings).toEqual([]);
  });

  it('keeps a property whose name starts with B or E, and a long BEGIN-like value', () => {
    const scan = scanIcs(`BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260101\nDESCRIPTION:x\nX-BEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n`);
    expect(scan.events[0]!.props.map((p) => p.name)).toEqual(['UID', 'DTSTART', 'DESCRIPTION', 'X-BEGIN']);
  });
});

describe('readTimeValue', () => {
  it('refuses impossible dates and times, and clamps a leap second', () => {
    expect(readTimeValue('20260230', null, undefined)).toMatch(/not a real date/);
    expect(readTimeValue('20261301T100000', null, undefined)).toMatch(/not a real date/);
    expect(readTimeValue('20260101T240000', null, undefined)).toMatch(/not a real date/);
    expect(readTimeValue('20260101T106000', null, undefined)).toMatch(/not a real date/);
    expect(readTimeValue('20241231T235960Z', null, undefined)).toMatchObject({ local: '2024-12-31T23:59:59', utc: true, tzid: null });
    expect(readTimeValue('20240229', 'Europe/Berlin', undefined)).toMatchObject({ local: '2024-02-29', dateOnly: true, tzid: null });
    // VALUE=DATE on a date-time keeps the date alone and does not check the time.
    expect(readTimeValue('20260101T999999', null, 'DATE')).toMatchObject({ local: '2026-01-01', dateOnly: true });
    expect(readTimeValue('20260315T093000', 'Europe/Berlin', undefined)).toEqual({ local: '2026-03-15T09:30:00', wall: Date.UTC(2026, 2, 15, 9, 30), dateOnly: false, utc: false, tzid: 'Europe/Berlin' });
  });
});
