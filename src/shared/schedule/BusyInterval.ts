import type { ShowAs } from '../model/CalendarEvent';

/** How an interval blocks a person: busy (busy, out of office) or tentative. */
export type BusyKind = 'busy' | 'tentative';

export interface BusyInterval {
  startMs: number;
  endMs: number;
  kind: BusyKind;
}

/**
 * What an event's show-as means for scheduling. Free and working elsewhere do
 * not block (Outlook's scheduling assistant treats "working elsewhere" as
 * available: the person works, just not at their desk); out of office blocks
 * like busy.
 */
export function busyKindOf(showAs: ShowAs): BusyKind | null {
  switch (showAs) {
    case 'busy':
    case 'oof':
      return 'busy';
    case 'tentative':
      return 'tentative';
    default:
      return null;
  }
}
