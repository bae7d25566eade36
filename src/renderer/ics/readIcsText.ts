import { NotIcalendarError } from '../../shared/ics/NotIcalendarError';

/** Largest file accepted: far above real exports (50,000 events is ~25 MB), far below what would exhaust memory. */
export const MAX_ICS_CHARS = 200 * 1024 * 1024;

/**
 * The text of an .ics file, checked to be iCalendar before any parsing: a
 * picture or a web page dropped by mistake gets one clear sentence instead of
 * a list of a thousand "skipped" lines. A byte-order mark is dropped.
 */
export function readIcsText(text: string): string {
  if (text.length > MAX_ICS_CHARS) throw new NotIcalendarError(`This file is too large to import (more than ${MAX_ICS_CHARS / 1024 / 1024} MB).`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart().slice(0, 64);
  if (!/^BEGIN:VCALENDAR\b/i.test(first)) {
    if (body.trim() === '') throw new NotIcalendarError('This file is empty: there is no calendar in it to import.');
    throw new NotIcalendarError('This is not an iCalendar (.ics) file: it does not start with BEGIN:VCALENDAR.');
  }
  return body;
}
