import { describe, expect, it } from 'vitest';
import { defaultWhat, EMPTY_WHO, type CalendarEvent } from '../../src/shared/model/CalendarEvent';
import { batchByUid, IMPORT_BATCH, importParsedIcs, type ImportCounts } from '../../src/renderer/ics/importParsedIcs';
import { calendarNameFor, describeSkipped, formatImportReport, importHeadline } from '../../src/renderer/ics/formatImportReport';
import { fromWorkerSchema, parsedIcsSchema, readWorkerResult, toWorkerSchema } from '../../src/renderer/ics/icsWorkerMessages';
import { parseIcsInWorker } from '../../src/renderer/ics/parseIcsInWorker';
import { readIcsText } from '../../src/renderer/ics/readIcsText';

const ev = (uid: string, recurrenceId: string | null = null): CalendarEvent => ({
  uid,
  recurrenceId,
  when: { start: '2030-06-12T10:00', end: '2030-06-12T11:00', tzid: 'Europe/Berlin', allDay: false, rrule: null, exdates: [], rdates: [] },
  what: defaultWhat(uid),
  who: EMPTY_WHO,
  reminders: [],
});

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'X-WR-CALNAME:Fixtures', 'BEGIN:VEVENT', 'UID:a@t', 'DTSTAMP:20300101T000000Z', 'DTSTART:20300612T100000Z', 'DTEND:20300612T110000Z', 'SUMMARY:One', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

describe('readIcsText', () => {
  it('accepts iCalendar text, dropping a byte-order mark', () => {
    expect(readIcsText('\uFEFFBEGIN:VCALENDAR\r\nEND:VCALENDAR')).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR');
    expect(readIcsText('\r\n  begin:vcalendar\nEND:VCALENDAR')).toContain('begin:vcalendar');
  });

  it('refuses what is not iCalendar with one clear sentence', () => {
    expect(() => readIcsText('')).toThrow('This file is empty');
    expect(() => readIcsText('   \n')).toThrow('This file is empty');
    expect(() => readIcsText('\u0089PNG\r\n\u001a\n')).toThrow('not an iCalendar (.ics) file');
    expect(() => readIcsText('<!doctype html><html>')).toThrow('not an iCalendar (.ics) file');
    expect(() => readIcsText('BEGIN:VCARD\r\nEND:VCARD')).toThrow('not an iCalendar (.ics) file');
  });
});

describe('parseIcsInWorker (in place where there is no Worker)', () => {
  it('parses with progress and returns schema-checked events', async () => {
    const progress: [number, number][] = [];
    const parsed = await parseIcsInWorker(ICS, (d, t) => progress.push([d, t]));
    expect(parsed.calendarName).toBe('Fixtures');
    expect(parsed.events.map((e) => e.what.title)).toEqual(['One']);
    expect(progress.at(-1)).toEqual([1, 1]);
  });

  it('rejects a file that is not iCalendar', async () => {
    await expect(parseIcsInWorker('hello')).rejects.toThrow('not an iCalendar');
  });
});

describe('worker messages', () => {
  it('accept well-formed messages and refuse anything else', () => {
    expect(toWorkerSchema.safeParse({ kind: 'parse', id: 1, text: 'x' }).success).toBe(true);
    expect(toWorkerSchema.safeParse({ kind: 'parse', id: '1', text: 'x' }).success).toBe(false);
    expect(fromWorkerSchema.safeParse({ kind: 'progress', id: 1, done: 2, total: 3 }).success).toBe(true);
    expect(fromWorkerSchema.safeParse({ kind: 'progress', id: 1, done: -1, total: 3 }).success).toBe(false);
    expect(fromWorkerSchema.safeParse({ kind: 'result', id: 1, json: '{}' }).success).toBe(true);
    expect(fromWorkerSchema.safeParse({ kind: 'result', id: 1, result: { events: [], skipped: [], warnings: [] } }).success).toBe(false);
    expect(fromWorkerSchema.safeParse({ kind: 'boom', id: 1 }).success).toBe(false);
    expect(parsedIcsSchema.safeParse({ calendarName: null, events: [ev('a')], skipped: [{ line: 3, uid: null, summary: null, reason: 'bad' }], warnings: [] }).success).toBe(true);
  });
});

describe('readWorkerResult', () => {
  it('reads a result posted as JSON text', () => {
    const result = { calendarName: 'Work', events: [ev('a'), ev('a', '2030-06-13T10:00')], skipped: [{ line: 3, uid: null, summary: null, reason: 'bad' }], warnings: ['w'] };
    expect(readWorkerResult(JSON.stringify(result))).toEqual(result);
  });

  it('refuses text that is not JSON, and JSON that is not a parse result', () => {
    expect(readWorkerResult('{"events":[')).toBeNull();
    expect(readWorkerResult('')).toBeNull();
    expect(readWorkerResult(JSON.stringify({ events: [{ uid: 'x' }], skipped: [], warnings: [] }))).toBeNull();
    expect(readWorkerResult('null')).toBeNull();
  });
});

describe('batchByUid', () => {
  it('never splits a series from its changed occurrences', () => {
    const events = [ev('a'), ev('a', '2030-06-13T10:00'), ev('b'), ev('c'), ev('c', '2030-06-14T10:00'), ev('c', '2030-06-15T10:00'), ev('d')];
    const batches = batchByUid(events, 3);
    expect(batches.flat()).toHaveLength(events.length);
    for (const batch of batches) {
      const uids = new Set(batch.map((e) => e.uid));
      for (const uid of uids) expect(batch.filter((e) => e.uid === uid)).toHaveLength(events.filter((e) => e.uid === uid).length);
    }
    expect(batches.map((b) => b.map((e) => e.uid).join(''))).toEqual(['aab', 'ccc', 'd']);
  });

  it('keeps a group larger than a batch whole', () => {
    const big = [ev('s'), ...Array.from({ length: 5 }, (_, i) => ev('s', `2030-07-0${i + 1}T10:00`))];
    expect(batchByUid(big, 2)).toHaveLength(1);
  });
});

describe('importParsedIcs', () => {
  it('writes batch by batch, adding up the counts and reporting progress', async () => {
    const calls: number[] = [];
    const store = {
      importEvents: (_id: string, batch: CalendarEvent[]): Promise<ImportCounts> => {
        calls.push(batch.length);
        return Promise.resolve({ created: batch.length - 1, updated: 1, unchanged: 0 });
      },
    };
    const progress: number[] = [];
    const events = Array.from({ length: 2_500 }, (_, i) => ev(`e${i}`));
    const counts = await importParsedIcs(store, 'cal', events, (d) => progress.push(d), 1_000);
    expect(calls).toEqual([1_000, 1_000, 500]);
    expect(counts).toEqual({ created: 2_497, updated: 3, unchanged: 0 });
    expect(progress).toEqual([0, 1_000, 2_000, 2_500]);
  });

  it('writes a file of up to IMPORT_BATCH events in one call (each call rewrites the index days it touches)', async () => {
    const calls: number[] = [];
    const store = {
      importEvents: (_id: string, batch: CalendarEvent[]): Promise<ImportCounts> => {
        calls.push(batch.length);
        return Promise.resolve({ created: batch.length, updated: 0, unchanged: 0 });
      },
    };
    const events = Array.from({ length: IMPORT_BATCH + 1 }, (_, i) => ev(`e${i}`));
    const progress: number[] = [];
    expect(await importParsedIcs(store, 'cal', events.slice(0, 12_000), (d) => progress.push(d))).toEqual({ created: 12_000, updated: 0, unchanged: 0 });
    expect(calls).toEqual([12_000]);
    expect(progress).toEqual([0, 12_000]);
    calls.length = 0;
    await importParsedIcs(store, 'cal', events);
    expect(calls).toEqual([IMPORT_BATCH, 1]);
  });

  it('passes a store failure on (the dialog shows it)', async () => {
    const store = { importEvents: () => Promise.reject(new Error('read-only')) };
    await expect(importParsedIcs(store, 'cal', [ev('a')])).rejects.toThrow('read-only');
  });
});

describe('import report', () => {
  const report = { fileName: 'team.ics', calendarName: 'Work', created: 3, updated: 1, unchanged: 2, skipped: [{ line: 12, uid: 'x@t', summary: 'Broken', reason: 'bad DTSTART' }, { line: null, uid: 'y@t', summary: null, reason: 'no END' }], warnings: ['Zone "Foo" read as UTC'] };

  it('headline, skipped lines and the copyable text', () => {
    expect(importHeadline(report)).toBe('Imported 6 events (created 3, updated 1, unchanged 2)');
    expect(importHeadline({ created: 1, updated: 0, unchanged: 0 })).toBe('Imported 1 event (created 1, updated 0)');
    expect(describeSkipped(report.skipped[0]!)).toBe('Line 12: “Broken”: bad DTSTART');
    expect(describeSkipped(report.skipped[1]!)).toBe('Unknown line: UID y@t: no END');
    expect(formatImportReport(report)).toBe(
      ['team.ics → Work', 'Imported 6 events (created 3, updated 1, unchanged 2)', 'Skipped 2:', '  Line 12: “Broken”: bad DTSTART', '  Unknown line: UID y@t: no END', 'Warnings:', '  Zone "Foo" read as UTC'].join('\n'),
    );
    expect(formatImportReport({ ...report, skipped: [], warnings: [] })).toContain('Nothing was skipped.');
  });

  it('names a new calendar from X-WR-CALNAME, else the file', () => {
    expect(calendarNameFor('Holidays', 'x.ics')).toBe('Holidays');
    expect(calendarNameFor('  ', 'Team Plan.ics')).toBe('Team Plan');
    expect(calendarNameFor(null, '.ics')).toBe('Imported calendar');
    expect(calendarNameFor('n'.repeat(300), 'x.ics')).toHaveLength(200);
  });
});
