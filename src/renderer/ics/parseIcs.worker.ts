import { parseIcs } from '../../shared/ics/parseIcs';
import { toWorkerSchema, type FromWorker } from './icsWorkerMessages';
import { readIcsText } from './readIcsText';

/*
 * Parses an iCalendar file off the UI thread: a 50,000-event file takes
 * seconds, which would freeze the window. Progress is posted at most every
 * 50 ms so the page is not flooded with messages.
 */
// Typed by hand: the web project's lib is DOM, whose `self` is a Window.
const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (e: MessageEvent) => {
  const parsed = toWorkerSchema.safeParse(e.data);
  if (!parsed.success) return;
  const { id, text } = parsed.data;
  const post = (m: FromWorker) => scope.postMessage(m);
  let lastPost = 0;
  try {
    const checked = readIcsText(text);
    const result = parseIcs(checked, {
      onProgress: (done: number, total: number) => {
        const now = performance.now();
        if (now - lastPost < 50 && done < total) return;
        lastPost = now;
        post({ kind: 'progress', id, done, total });
      },
    });
    post({ kind: 'result', id, json: JSON.stringify({ calendarName: result.calendarName ?? null, events: result.events, skipped: result.skipped, warnings: result.warnings }) });
  } catch (err) {
    post({ kind: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
};
