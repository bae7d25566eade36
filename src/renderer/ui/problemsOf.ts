import { EventValidationError } from '../../shared/model/validateEvent';

/**
 * Every message an error carries, for showing inline. The store throws an
 * EventValidationError listing each problem it found; anything else (a save
 * that failed, a series deleted in another window) becomes one message.
 */
export function problemsOf(err: unknown): string[] {
  if (err instanceof EventValidationError && err.problems.length > 0) return [...err.problems];
  if (err && typeof err === 'object') {
    // Same shape from another copy of the class (a second bundle, a worker): read it by duck type.
    const e = err as { problems?: unknown; message?: unknown };
    if (Array.isArray(e.problems) && e.problems.length > 0) return e.problems.map(String);
    if (typeof e.message === 'string' && e.message) return [e.message];
  }
  return [String(err)];
}
