import type { ImportCounts } from './importParsedIcs';
import type { SkippedItem } from './icsWorkerMessages';

export interface ImportReport extends ImportCounts {
  fileName: string;
  calendarName: string;
  skipped: SkippedItem[];
  warnings: string[];
}

/** "Imported 12 events (created 10, updated 2)": the headline of the result dialog. */
export function importHeadline(r: ImportCounts): string {
  const n = r.created + r.updated + r.unchanged;
  const parts = [`created ${r.created}`, `updated ${r.updated}`];
  if (r.unchanged > 0) parts.push(`unchanged ${r.unchanged}`);
  return `Imported ${n} ${n === 1 ? 'event' : 'events'} (${parts.join(', ')})`;
}

/** One skipped item as a sentence: where it was, what it was, why. */
export function describeSkipped(s: SkippedItem): string {
  const where = s.line !== null && s.line !== undefined ? `Line ${s.line}` : 'Unknown line';
  const what = s.summary ? `“${s.summary}”` : s.uid ? `UID ${s.uid}` : 'an item';
  return `${where}: ${what}: ${s.reason}`;
}

/** The whole report as plain text, for the Copy button (pasted into a mail to whoever made the file). */
export function formatImportReport(r: ImportReport): string {
  const lines = [`${r.fileName} → ${r.calendarName}`, importHeadline(r)];
  lines.push(r.skipped.length === 0 ? 'Nothing was skipped.' : `Skipped ${r.skipped.length}:`);
  for (const s of r.skipped) lines.push(`  ${describeSkipped(s)}`);
  if (r.warnings.length > 0) {
    lines.push('Warnings:');
    for (const w of r.warnings) lines.push(`  ${w}`);
  }
  return lines.join('\n');
}

/** The name a new calendar gets: the file's X-WR-CALNAME, else its file name without .ics. */
export function calendarNameFor(calendarName: string | null | undefined, fileName: string): string {
  const fromFile = fileName.replace(/\.(ics|ical|ifb|icalendar)$/i, '').trim();
  const name = (calendarName ?? '').trim() || fromFile || 'Imported calendar';
  return name.slice(0, 200);
}
