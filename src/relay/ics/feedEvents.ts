import type * as Y from 'yjs';
import { EMPTY_WHO, SHOW_AS_LABEL, type CalendarEvent } from '../../shared/model/CalendarEvent';
import { groupMap, readEvent } from '../../shared/model/eventDocument';
import type { IcsLinkLevel } from '../../shared/protocol/icsLinks';
import { projectWhat } from '../../shared/protocol/projectGroups';

/**
 * One event as a feed at `level` may show it, by the same rules as the rooms
 * (projectGroups.ts): availability keeps times and show-as, titled by show-as
 * ("Busy", "Tentative") as Outlook's published availability does; limited
 * keeps title and location; reviewer keeps every detail but the owner's
 * reminders, which would otherwise ring on every subscriber's machine.
 * `full` holds private events as busy stubs, so a private event is "Private
 * appointment" at titles and up whatever the level, and never has details here.
 */
export function projectFeedEvent(event: CalendarEvent, level: IcsLinkLevel): CalendarEvent {
  const base = { uid: event.uid, recurrenceId: event.recurrenceId, when: event.when, reminders: [] };
  if (level === 'availability') {
    const what = projectWhat(event.what, 'busy');
    return { ...base, what: { ...what, title: SHOW_AS_LABEL[what.showAs] }, who: EMPTY_WHO };
  }
  if (level === 'limited' || event.what.private) return { ...base, what: projectWhat(event.what, 'titles'), who: EMPTY_WHO };
  return { ...base, what: event.what, who: event.who };
}

/** Every event of a `full` document at a link's level, in key order (so equal content gives an equal feed). */
export function feedEvents(full: Y.Doc, level: IcsLinkLevel): CalendarEvent[] {
  const keys = [...groupMap(full, 'when').keys()].sort();
  const events: CalendarEvent[] = [];
  for (const key of keys) {
    const event = readEvent(full, key);
    if (event) events.push(projectFeedEvent(event, level));
  }
  return events;
}
