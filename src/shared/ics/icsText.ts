/** RFC 5545 3.3.11 TEXT: `\n`, `\,`, `\;` and `\\` escapes. */
export function unescapeText(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\([nN,;\\:])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** Splits a multi-valued TEXT (CATEGORIES) on commas that are not escaped. */
export function splitTextList(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      cur += c + value[i + 1];
      i++;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map(unescapeText);
}

/** A parameter value, quoted when it holds characters that would end it (RFC 5545 3.2); DQUOTE cannot appear. */
export function paramValue(value: string): string {
  const v = value.replace(/"/g, "'").replace(/[\r\n]+/g, ' ');
  return /[:;,]/.test(v) ? `"${v}"` : v;
}

const encoder = new TextEncoder();

/**
 * Folds one content line at 75 octets (RFC 5545 3.1), never inside a UTF-8
 * sequence or a surrogate pair, continuation lines starting with one space.
 */
export function foldLine(line: string): string {
  if (line.length <= 75 && encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const cp = ch.codePointAt(0) as number;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (octets + size > limit) {
      parts.push(cur);
      cur = '';
      octets = 0;
      limit = 74; // the leading space counts
    }
    cur += ch;
    octets += size;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}
