import { writeEvent } from '../../shared/model/eventDocument';
import { inboxItemsMap } from '../../shared/protocol/inboxDocument';
import type { RoomHost } from '../sync/RoomHost';
import type { TeamWriter } from './TeamWriter';

/** TeamWriter on the running relay's rooms: server-side writes, stored and then sent to open devices. */
export function roomTeamWriter(host: RoomHost, now: () => number): TeamWriter {
  return {
    writeEvent(calendarId, key, groups) {
      const full = host.open({ kind: 'calendar', calendarId, doc: 'full' });
      host.writeServer(full, (doc) => writeEvent(doc, key, groups));
    },
    putInboxItem(userId, id, item) {
      const inbox = host.open({ kind: 'inbox', userId });
      const items = inboxItemsMap(inbox.doc);
      if (item === null) {
        if (items.has(id)) host.writeServer(inbox, (doc) => inboxItemsMap(doc).delete(id));
        return;
      }
      // Items are ordered by `at`: keep it strictly increasing within an inbox.
      let newest = 0;
      items.forEach((raw) => {
        const m = /"at":(\d+)/.exec(raw);
        if (m) newest = Math.max(newest, Number(m[1]));
      });
      const json = JSON.stringify({ ...item, at: Math.max(now(), item.at, newest + 1) });
      host.writeServer(inbox, (doc) => inboxItemsMap(doc).set(id, json));
    },
  };
}
