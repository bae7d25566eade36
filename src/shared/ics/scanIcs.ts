import { firstProp, type IcsComponent, type IcsProperty } from './IcsComponent';
import { NotIcalendarError } from './NotIcalendarError';

export interface IcsScan {
  /** The VCALENDAR's own properties (X-WR-CALNAME, X-WR-TIMEZONE...), several calendars merged. */
  calendar: IcsComponent;
  /** VEVENT blocks in file order; a broken one carries the reason in `broken`. */
  events: IcsComponent[];
  /** VTIMEZONE blocks by TZID. */
  timezones: Map<string, IcsComponent>;
  warnings: string[];
}

/** A content line's name part: IANA token or X-name, then ';' or ':'. */
const NAME = /^[A-Za-z0-9-]+[;:]/;
const NAME_START = /^[A-Za-z0-9-]/;

interface Line {
  text: string;
  line: number;
}

/**
 * Unfolds content lines (RFC 5545 3.1). A line that cannot start a property
 * (no `NAME:` or `NAME;`) is taken as a continuation someone forgot to indent:
 * broken folding is common in hand-edited and old exporter files, and joining
 * keeps the text instead of losing the event.
 */
function unfold(text: string, warnings: string[]): Line[] {
  const out: Line[] = [];
  const n = text.length;
  // Split by hand (CRLF, LF or CR): a regex split made an array of every line first.
  for (let i = 0, at = 0; at <= n; i++) {
    let end = at;
    while (end < n) {
      const ch = text.charCodeAt(end);
      if (ch === 10 || ch === 13) break;
      end++;
    }
    const s = text.slice(at, end);
    at = end + (end < n && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (s.length === 0) continue;
    const c = s.charCodeAt(0);
    const last = out[out.length - 1];
    if ((c === 32 || c === 9) && last) {
      last.text += s.slice(1);
    } else if (last && !NAME.test(s)) {
      // Usually a raw line break inside a text value, so it is kept as one.
      warnings.push(`Line ${i + 1}: broken line folding (a continuation without a leading space); joined to line ${last.line} as a line break`);
      last.text += `\\n${s}`;
    } else {
      out.push({ text: s, line: i + 1 });
    }
  }
  return out;
}

/** Splits `NAME;P=a;Q="b:c":value`; null when the line has no value part. */
export function parseContentLine(text: string, line: number): IcsProperty | null {
  let i = 0;
  const n = text.length;
  while (i < n && text[i] !== ';' && text[i] !== ':') i++;
  if (i >= n) return null;
  const name = text.slice(0, i).toUpperCase();
  const params: Record<string, string> = {};
  while (text[i] === ';') {
    i++;
    const eq = text.indexOf('=', i);
    if (eq < 0) return null;
    const pname = text.slice(i, eq).toUpperCase();
    i = eq + 1;
    const values: string[] = [];
    if (pname === 'TZID' && text[i] !== '"') {
      // Outlook display names hold ':' ("(UTC+01:00) Amsterdam, ..."), often unquoted;
      // date values never do, so an unquoted TZID runs to the last ':' (or a ';' before it).
      const lastColon = text.lastIndexOf(':');
      let j = i;
      while (j < lastColon && text[j] !== ';') j++;
      params[pname] = text.slice(i, j);
      i = j;
      continue;
    }
    for (;;) {
      if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        if (close < 0) return null;
        values.push(text.slice(i + 1, close));
        i = close + 1;
      } else {
        let j = i;
        while (j < n && text[j] !== ';' && text[j] !== ':' && text[j] !== ',') j++;
        values.push(text.slice(i, j));
        i = j;
      }
      if (text[i] === ',') i++;
      else break;
    }
    params[pname] = values.join(',');
  }
  if (text[i] !== ':') return null;
  return { name, params, value: text.slice(i + 1), line };
}

function newComponent(name: string, line: number): IcsComponent {
  return { name, line, props: [], children: [], broken: null };
}

/**
 * Reads the block structure of an iCalendar file without interpreting values, so
 * one bad event cannot take the others down (ical.js's parser throws for the
 * whole file on one bad line). Missing END lines close what they should have
 * closed and mark it broken.
 *
 * @throws NotIcalendarError when there is no BEGIN:VCALENDAR at all
 */
export function scanIcs(input: string): IcsScan {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const warnings: string[] = [];
  const lines = unfold(text, warnings);
  const firstBegin = lines.findIndex((l) => l.text.trim().toUpperCase() === 'BEGIN:VCALENDAR');
  if (firstBegin < 0) {
    const first = lines[0]?.text.slice(0, 40) ?? '';
    throw new NotIcalendarError(
      lines.length === 0 ? 'Not an iCalendar file: it is empty' : `Not an iCalendar file: no BEGIN:VCALENDAR line (it starts with ${JSON.stringify(first)})`,
    );
  }
  const calendar = newComponent('VCALENDAR', lines[firstBegin]?.line ?? 1);
  const events: IcsComponent[] = [];
  const timezones = new Map<string, IcsComponent>();
  const stack: IcsComponent[] = [];

  const finish = (c: IcsComponent): void => {
    const parent = stack[stack.length - 1];
    if (c.name === 'VCALENDAR') return;
    if (c.name === 'VEVENT' && (parent === undefined || parent.name === 'VCALENDAR')) events.push(c);
    else if (c.name === 'VTIMEZONE' && (parent === undefined || parent.name === 'VCALENDAR')) {
      const tzid = firstProp(c, 'TZID')?.value;
      if (c.broken) warnings.push(`Line ${c.line}: VTIMEZONE ${tzid ?? ''} ignored: ${c.broken}`);
      else if (tzid) timezones.set(tzid, c);
    } else if (parent) parent.children.push(c);
  };
  /** Pops everything above index `keep`, as unterminated. */
  const unwind = (keep: number, why: (c: IcsComponent) => string): void => {
    while (stack.length > keep) {
      const c = stack.pop() as IcsComponent;
      const reason = why(c);
      c.broken ??= reason;
      // A broken part makes the whole event untrustworthy: never half an event.
      for (const outer of stack) if (outer.name === 'VEVENT' || outer.name === 'VTIMEZONE') outer.broken ??= reason;
      finish(c);
    }
  };

  for (let k = firstBegin; k < lines.length; k++) {
    const { text: t, line } = lines[k] as Line;
    // Only a line starting with B or E can be BEGIN:/END: (continuations and other
    // whitespace-led lines are joined by unfold, except a first line): no upper-cased
    // copy of every content line, which was a good part of a large file's garbage.
    const c0 = t.charCodeAt(0) | 0x20;
    const upper = t.length < 40 && (c0 === 0x62 || c0 === 0x65 || !NAME_START.test(t)) ? t.trim().toUpperCase() : '';
    if (upper.startsWith('BEGIN:')) {
      const name = upper.slice(6);
      if (name === 'VEVENT' || name === 'VCALENDAR' || name === 'VTIMEZONE') {
        // A new top-level block while one is open: the open one lost its END.
        const open = stack.findIndex((c) => c.name === 'VEVENT' || c.name === 'VTIMEZONE' || (name === 'VCALENDAR' && c.name === 'VCALENDAR'));
        if (open >= 0) unwind(open, (c) => `BEGIN:${c.name} at line ${c.line} has no END:${c.name} (the next BEGIN:${name} is at line ${line})`);
      }
      if (stack.length === 0 && name !== 'VCALENDAR') {
        warnings.push(`Line ${line}: BEGIN:${name} outside a VCALENDAR; read as if inside one`);
        stack.push(calendar);
      }
      stack.push(name === 'VCALENDAR' ? calendar : newComponent(name, line));
      continue;
    }
    if (upper.startsWith('END:')) {
      const name = upper.slice(4);
      let at = -1;
      for (let s = stack.length - 1; s >= 0; s--) if ((stack[s] as IcsComponent).name === name) {
        at = s;
        break;
      }
      if (at < 0) {
        warnings.push(`Line ${line}: END:${name} without a matching BEGIN:${name}; ignored`);
        continue;
      }
      unwind(at + 1, (c) => `BEGIN:${c.name} at line ${c.line} has no END:${c.name} (END:${name} at line ${line} closed it)`);
      finish(stack.pop() as IcsComponent);
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) {
      warnings.push(`Line ${line}: content after END:VCALENDAR ignored`);
      continue;
    }
    const prop = parseContentLine(t, line);
    if (prop) top.props.push(prop);
    else if (top.name === 'VEVENT') top.broken ??= `line ${line} is not a property (${JSON.stringify(t.slice(0, 40))})`;
    else warnings.push(`Line ${line}: not a property (${JSON.stringify(t.slice(0, 40))}); ignored`);
  }
  if (stack.some((c) => c.name !== 'VCALENDAR')) unwind(1, (c) => `BEGIN:${c.name} at line ${c.line} has no END:${c.name} (the file ends first)`);
  if (stack.length > 0) warnings.push('The file has no END:VCALENDAR; read to its end');
  return { calendar, events, timezones, warnings };
}
