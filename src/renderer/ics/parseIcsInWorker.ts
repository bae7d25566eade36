import { parseIcs } from '../../shared/ics/parseIcs';
import { fromWorkerSchema, parsedIcsSchema, readWorkerResult, type ParsedIcs, type ToWorker } from './icsWorkerMessages';
import { readIcsText } from './readIcsText';

export type ParseProgress = (done: number, total: number) => void;

let nextId = 1;

/**
 * Parses iCalendar text in a Web Worker, reporting progress. Where there is no
 * Worker (unit tests in Node) it parses in place with the same code. Rejects
 * with a readable Error for text that is not iCalendar or a worker that fails.
 */
export function parseIcsInWorker(text: string, onProgress: ParseProgress = () => undefined): Promise<ParsedIcs> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => parseInPlace(text, onProgress));
  const id = nextId++;
  return new Promise<ParsedIcs>((resolve, reject) => {
    const worker = new Worker(new URL('./parseIcs.worker.ts', import.meta.url), { type: 'module', name: 'ics-parser' });
    const finish = () => worker.terminate();
    worker.onmessage = (e: MessageEvent) => {
      const parsed = fromWorkerSchema.safeParse(e.data);
      const unexpected = () => reject(new Error('The file could not be read: the parser returned something unexpected.'));
      if (!parsed.success) {
        finish();
        unexpected();
        return;
      }
      const m = parsed.data;
      if (m.id !== id) return;
      if (m.kind === 'progress') onProgress(m.done, m.total);
      else if (m.kind === 'result') {
        finish();
        const result = readWorkerResult(m.json);
        if (result) resolve(result);
        else unexpected();
      } else {
        finish();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`The file could not be read: ${e.message || 'the parser stopped'}.`));
    };
    worker.postMessage({ kind: 'parse', id, text } satisfies ToWorker);
  });
}

function parseInPlace(text: string, onProgress: ParseProgress): ParsedIcs {
  const result = parseIcs(readIcsText(text), { onProgress });
  return parsedIcsSchema.parse({ calendarName: result.calendarName ?? null, events: result.events, skipped: result.skipped, warnings: result.warnings });
}
