import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { parseIcs } from '../../src/shared/ics/parseIcs';
import { generateIcs } from '../../tests/fixtures/ics/generateIcs';

/** Median wall time of `runs` calls after one warm-up, in ms. */
function time(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] as number);
}

/** ical.js used the obvious way: one ICAL.Event per VEVENT, no grouping by UID (DESIGN.md, Known traps). */
function naiveIcalJs(text: string): number {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
  let n = 0;
  for (const c of cal.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(c);
    n += e.startDate.toJSDate().getTime() > 0 ? 1 : 0;
  }
  return n;
}

export interface ParseBenchCase {
  name: string;
  events: number;
  bytes: number;
  tesseraMs: number;
  nodeIcalMs: number;
  naiveIcalJsMs: number | null;
  imported: number;
}

export function runParseBench(sizes: readonly number[], runs: number): ParseBenchCase[] {
  const out: ParseBenchCase[] = [];
  for (const count of sizes) {
    for (const zones of ['vtimezone', 'bare'] as const) {
      const text = generateIcs({ count, seed: 7, zones });
      const imported = parseIcs(text).events.length;
      out.push({
        name: `${count} events, ${zones === 'vtimezone' ? 'Windows TZIDs + VTIMEZONE' : 'IANA TZIDs, no VTIMEZONE'}`,
        events: count,
        bytes: text.length,
        tesseraMs: time(() => parseIcs(text), runs),
        nodeIcalMs: time(() => nodeIcal.sync.parseICS(text), runs),
        naiveIcalJsMs: count <= 10_000 ? time(() => naiveIcalJs(text), 1) : null,
        imported,
      });
    }
  }
  return out;
}
