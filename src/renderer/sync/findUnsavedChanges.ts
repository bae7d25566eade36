import type * as Y from 'yjs';
import type { CalendarEvent } from '../../shared/model/CalendarEvent';
import { readMerged } from '../replica/CalendarReplica';

/** The relay's copy of a calendar, as fetched before a reset. */
export interface ServerCopy {
  /** `full`, or the projection the person may still read; null when they may read nothing. */
  main: Y.Doc | null;
  kind: 'full' | 'titles' | 'busy';
  private: Y.Doc | null;
}

export interface LocalCopy {
  read(key: string): CalendarEvent | null;
}

/**
 * Which of this device's unconfirmed edits (`candidates`, event keys) the relay
 * does not hold: an event that exists here and is missing or different there.
 * Against `full`, every group is compared. Against a projection (the level
 * dropped), only what it shows can be compared, so a candidate that matches
 * there is kept as well: its other fields cannot be checked. Deletions are not
 * kept: the relay still has the event, so nothing is lost.
 */
export function findUnsavedChanges(local: LocalCopy, candidates: Iterable<string>, server: ServerCopy): CalendarEvent[] {
  const out: CalendarEvent[] = [];
  for (const key of [...candidates].sort()) {
    const mine = local.read(key);
    if (!mine) continue;
    if (!server.main) {
      out.push(mine);
      continue;
    }
    const theirs = readMerged(server.main, server.private, key);
    if (!theirs) {
      out.push(mine);
      continue;
    }
    if (server.kind === 'full') {
      if (!sameEvent(mine, theirs)) out.push(mine);
      continue;
    }
    out.push(mine);
  }
  return out;
}

function sameEvent(a: CalendarEvent, b: CalendarEvent): boolean {
  return (
    JSON.stringify(a.when) === JSON.stringify(b.when) &&
    JSON.stringify(a.what) === JSON.stringify(b.what) &&
    JSON.stringify(a.who) === JSON.stringify(b.who) &&
    JSON.stringify(a.reminders) === JSON.stringify(b.reminders)
  );
}

