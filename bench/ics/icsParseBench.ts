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
  /** ical.js used naively, on a smaller file of the same shape (it grows quadratically; see naiveEvents). */
  naiveIcalJsMs: number | null;
  naiveEvents: number | null;
  imported: number;
}

/** The naive ical.js peer takes ~95 s on 10,000 events; this many keep the whole benchmark to minutes. */
export const NAIVE_EVENTS = 2_000;

export function runParseBench(sizes: readonly number[], runs: number, naiveEvents = NAIVE_EVENTS, log: (s: string) => void = () => undefined): ParseBenchCase[] {
  const out: ParseBenchCase[] = [];
  for (const count of sizes) {
    for (const zones of ['vtimezone', 'bare'] as const) {
      log(`[node] ${count} events, ${zones}`);
      const text = generateIcs({ count, seed: 7, zones });
      const imported = parseIcs(text).events.length;
      // Only beside the smallest size: one naive figure per kind of file is enough.
      const naive = count === sizes[0] && naiveEvents > 0 ? Math.min(naiveEvents, count) : null;
      const naiveText = naive === null ? null : generateIcs({ count: naive, seed: 7, zones });
      out.push({
        name: `${count} events, ${zones === 'vtimezone' ? 'Windows TZIDs + VTIMEZONE' : 'IANA TZIDs, no VTIMEZONE'}`,
        events: count,
        bytes: text.length,
        tesseraMs: time(() => parseIcs(text), runs),
        nodeIcalMs: time(() => nodeIcal.sync.parseICS(text), runs),
        naiveIcalJsMs: naiveText === null ? null : time(() => naiveIcalJs(naiveText), 1),
        naiveEvents: naive,
        imported,
      });
    }
  }
  return out;
}
