import type { BusyInterval, BusyKind } from './BusyInterval';

export interface ConflictPerson {
  id: string;
  name: string;
  /** Null: availability unknown (an outside address, or no calendar of theirs may be seen). */
  busy: readonly BusyInterval[] | null;
}

export interface Conflict {
  id: string;
  name: string;
  kind: BusyKind;
}

/**
 * Who is busy or tentative at some point of [startMs, endMs), in the order
 * given. Busy wins over tentative for one person. People of unknown
 * availability are never reported: a warning must not guess.
 */
export function findConflicts(startMs: number, endMs: number, people: readonly ConflictPerson[]): Conflict[] {
  const out: Conflict[] = [];
  if (!(endMs > startMs)) return out;
  for (const p of people) {
    if (!p.busy) continue;
    let kind: BusyKind | null = null;
    for (const b of p.busy) {
      if (b.startMs < endMs && b.endMs > startMs) {
        kind = b.kind;
        if (kind === 'busy') break;
      }
    }
    if (kind) out.push({ id: p.id, name: p.name, kind });
  }
  return out;
}

/** "Bob Sales is busy then; Carol Sales is tentative." */
export function describeConflicts(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 0) return '';
  const busy = conflicts.filter((c) => c.kind === 'busy').map((c) => c.name);
  const tentative = conflicts.filter((c) => c.kind === 'tentative').map((c) => c.name);
  const parts: string[] = [];
  if (busy.length) parts.push(`${listNames(busy)} ${busy.length === 1 ? 'is' : 'are'} busy then`);
  if (tentative.length) parts.push(`${listNames(tentative)} ${tentative.length === 1 ? 'is' : 'are'} tentative`);
  return `${parts.join('; ')}.`;
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}
