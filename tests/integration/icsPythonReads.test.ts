import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exportIcs } from '../../src/shared/ics/exportIcs';
import { parseIcs } from '../../src/shared/ics/parseIcs';
import type { CalendarEvent } from '../../src/shared/model/CalendarEvent';
import { wallOfLocal } from '../../src/shared/time/parseLocal';
import { wallToEpoch } from '../../src/shared/time/wallToEpoch';

/**
 * Debian's python3-icalendar (an independent parser, installed by .ci/run) reads
 * our exports: every event, and every time at the same UTC instant (dates and
 * floating times as written).
 */
const PYTHON = `
import sys, json, datetime, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
def show(v):
    if v is None: return None
    d = v.dt
    if isinstance(d, datetime.datetime):
        if d.tzinfo is None: return 'floating ' + d.strftime('%Y-%m-%dT%H:%M:%S')
        return d.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    return 'date ' + d.strftime('%Y-%m-%d')
out = {'zones': [str(t['TZID']) for t in cal.walk('VTIMEZONE')], 'events': []}
for e in cal.walk('VEVENT'):
    out['events'].append({'uid': str(e['UID']), 'rid': show(e.get('RECURRENCE-ID')), 'start': show(e.get('DTSTART')), 'end': show(e.get('DTEND')), 'summary': str(e.get('SUMMARY', ''))})
print(json.dumps(out))
`;

const pythonOut = z.object({
  zones: z.array(z.string()),
  events: z.array(z.object({ uid: z.string(), rid: z.string().nullable(), start: z.string(), end: z.string(), summary: z.string() })),
});

function readWithPython(ics: string): z.infer<typeof pythonOut> {
  return pythonOut.parse(JSON.parse(execFileSync('/usr/bin/python3', ['-c', PYTHON], { input: ics, encoding: 'utf8' })));
}

function expected(local: string, allDay: boolean, tzid: string | null): string {
  if (allDay) return `date ${local}`;
  if (tzid === null) return `floating ${local}`;
  return `${new Date(wallToEpoch(wallOfLocal(local), tzid)).toISOString().slice(0, 19)}Z`;
}

function ridOf(e: CalendarEvent, events: readonly CalendarEvent[]): string | null {
  if (e.recurrenceId === null) return null;
  const master = events.find((m) => m.uid === e.uid && m.recurrenceId === null);
  return expected(e.recurrenceId, master?.when.allDay ?? e.when.allDay, master ? master.when.tzid : e.when.tzid);
}

const dir = path.resolve(__dirname, '../fixtures/ics');

describe('python3-icalendar reads our exports', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ics'))) {
    it(`${file}: every event, zone and instant`, () => {
      const { events } = parseIcs(readFileSync(path.join(dir, file), 'utf8'));
      const py = readWithPython(exportIcs({ calendarName: file, events, stampMs: 0 }));
      const zones = [...new Set(events.filter((e) => !e.when.allDay && e.when.tzid && e.when.tzid !== 'UTC').map((e) => e.when.tzid as string))].sort();
      expect(py.zones.sort()).toEqual(zones);
      expect(py.events).toEqual(
        events.map((e) => ({
          uid: e.uid,
          rid: ridOf(e, events),
          start: expected(e.when.start, e.when.allDay, e.when.tzid),
          end: expected(e.when.end, e.when.allDay, e.when.tzid),
          summary: e.what.title,
        })),
      );
    });
  }
});
