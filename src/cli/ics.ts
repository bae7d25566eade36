import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { expandIcs } from '../shared/ics/expandIcs';
import { NotIcalendarError } from '../shared/ics/NotIcalendarError';
import { parseIcs } from '../shared/ics/parseIcs';

const USAGE = `Usage:
  npm run ics -- parse <file.ics>
  npm run ics -- expand <file.ics> --from <ISO instant> --to <ISO instant> [--zone <IANA zone for floating times>]`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO date or instant such as 2026-03-01T00:00:00Z');

const expandArgs = z.object({ from: instant, to: instant, zone: z.string().default('UTC') });

function flags(args: readonly string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] as string;
    if (!name.startsWith('--') || args[i + 1] === undefined) return `Unexpected argument ${JSON.stringify(name)}`;
    out[name.slice(2)] = args[i + 1] as string;
  }
  return out;
}

/**
 * `parse` prints `{ calendarName, events, skipped, warnings }` as JSON on stdout
 * (skipped events are in that JSON, with a one-line count on stderr);
 * `expand` prints the occurrences in [from, to) with UTC instants and local forms.
 * Exit codes: 0 read, 1 unreadable input (missing file, not iCalendar), 2 usage.
 */
export async function runIcsCli(argv: readonly string[], io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }): Promise<number> {
  const [command, file, ...rest] = argv;
  if ((command !== 'parse' && command !== 'expand') || !file) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}\n`);
    return 1;
  }
  let result;
  try {
    result = parseIcs(text);
  } catch (e) {
    if (e instanceof NotIcalendarError) {
      io.err(`Cannot read ${file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  io.err(`${file}: ${result.events.length} events read, ${result.skipped.length} skipped, ${result.warnings.length} warnings\n`);
  if (command === 'parse') {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const f = flags(rest);
  const parsed = typeof f === 'string' ? null : expandArgs.safeParse(f);
  if (!parsed?.success) {
    io.err(`${typeof f === 'string' ? f : (parsed?.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ') ?? '')}\n${USAGE}\n`);
    return 2;
  }
  const { from, to, zone } = parsed.data;
  const occurrences = expandIcs(result.events, { fromMs: Date.parse(from), toMs: Date.parse(to) }, zone).map(({ startMs: _s, endMs: _e, ...o }) => o);
  io.out(`${JSON.stringify({ from: new Date(Date.parse(from)).toISOString(), to: new Date(Date.parse(to)).toISOString(), occurrences }, null, 2)}\n`);
  return 0;
}
