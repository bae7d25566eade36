import type { Notice } from '../../shared/protocol/inboxDocument';
import { levelLabel } from './levelWords';

/** A notice from the person's inbox as one plain sentence. */
export function describeNotice(n: Notice): string {
  const by = n.byName || 'The owner';
  switch (n.notice) {
    case 'granted':
      return `${by} shared ${n.calendarName} with you (${levelLabel(n.level)}).`;
    case 'level-changed':
      return `${by} changed your access to ${n.calendarName} from “${levelLabel(n.previousLevel)}” to “${levelLabel(n.level)}”.`;
    case 'revoked':
      return n.level === 'none'
        ? `${by} stopped sharing ${n.calendarName} with you.`
        : `${by} stopped sharing ${n.calendarName} with you directly. You still have “${levelLabel(n.level)}” through a group or your organisation.`;
    case 'removed':
      return `${n.calendarName} was removed from your calendars: ${by} no longer shares it with you.`;
    case 'stale':
      return `${n.calendarName} is no longer syncing: ${by} stopped sharing it. Your copy stays on this device.`;
    case 'share-back-requested':
      return `${by} asks you to share your calendar with them.`;
  }
}
