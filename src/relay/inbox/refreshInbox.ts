import { calendarAccessSchema, type CalendarAccess } from '../../shared/protocol/api';
import { inboxAccessMap, inboxItemSchema, inboxItemsMap } from '../../shared/protocol/inboxDocument';
import type { AccessReader } from '../access/AccessReader';
import type { PersonRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import { newId } from '../store/newId';
import type { RoomHost } from '../sync/RoomHost';
import type { AccessCause } from './AccessCause';
import { diffAccess } from './diffAccess';
import { toInvitation } from './toInvitation';

/** Notices kept per inbox; older ones are dropped so the document stays small. */
export const MAX_NOTICES = 100;
const MAX_INVITATIONS = 100;

export interface InboxDeps {
  store: Store;
  reader: AccessReader;
  host: RoomHost;
  now: () => number;
}

/**
 * Brings `inbox/<person>` in line with the store: the `access` map to every
 * calendar the person reaches now (with notices for what changed), and the
 * `items` map to their invitations. Writes only what differs, as one relay
 * update, stored before it is sent to the person's open devices.
 */
export function refreshInbox(deps: InboxDeps, person: PersonRow, cause: AccessCause): void {
  const room = deps.host.open({ kind: 'inbox', userId: person.id }, { reconcile: false });
  const doc = room.doc;
  const accessMap = inboxAccessMap(doc);
  const items = inboxItemsMap(doc);

  const prev = new Map<string, CalendarAccess>();
  const damaged: string[] = [];
  accessMap.forEach((raw, id) => {
    let parsed: CalendarAccess | null = null;
    try {
      const r = calendarAccessSchema.safeParse(JSON.parse(raw));
      if (r.success) parsed = r.data;
    } catch {
      parsed = null;
    }
    if (parsed) prev.set(id, parsed);
    else damaged.push(id);
  });
  const next = new Map(deps.reader.accessList(person).map((a) => [a.id, a]));
  const allInvitations = deps.store.sharing.invitationsTo(person.id);
  const invitationIds = new Set(allInvitations.map((i) => i.id));
  const invitations = allInvitations.slice(0, MAX_INVITATIONS);
  const pending = new Set(invitations.filter((i) => i.status === 'pending').map((i) => i.calendar_id));
  // Notices are ordered by `at`: keep it strictly increasing within an inbox.
  let newestAt = 0;
  items.forEach((raw) => {
    const m = /"at":(\d+)/.exec(raw);
    if (m) newestAt = Math.max(newestAt, Number(m[1]));
  });
  const diff = diffAccess(prev, next, cause, Math.max(deps.now(), newestAt + 1), newId, (id) => pending.has(id));

  const names = new Map<string, string>();
  const invitationWrites: [string, string][] = [];
  for (const row of invitations) {
    let fromName = names.get(row.from_id);
    if (fromName === undefined) {
      fromName = deps.store.directory.person(row.from_id)?.name ?? 'Unknown';
      names.set(row.from_id, fromName);
    }
    const json = JSON.stringify(toInvitation(row, fromName));
    if (items.get(row.id) !== json) invitationWrites.push([row.id, json]);
  }

  const notices: { id: string; at: number }[] = [];
  const withdrawn: string[] = [];
  items.forEach((raw, id) => {
    try {
      const r = inboxItemSchema.safeParse(JSON.parse(raw));
      if (r.success && r.data.kind === 'notice') notices.push({ id, at: r.data.at });
      else if (r.success && r.data.kind === 'invitation' && !invitationIds.has(id)) withdrawn.push(id);
    } catch {
      // Damaged items are left for the client to ignore; the relay never wrote them.
    }
  });
  const overflow = notices.length + diff.notices.length - MAX_NOTICES;
  const dropNotices = overflow > 0 ? notices.sort((a, b) => a.at - b.at).slice(0, overflow).map((n) => n.id) : [];

  if (diff.put.length + diff.remove.length + diff.notices.length + invitationWrites.length + damaged.length + withdrawn.length === 0) return;
  deps.host.writeServer(room, () => {
    for (const id of [...diff.remove, ...damaged]) if (!next.has(id)) accessMap.delete(id);
    for (const a of diff.put) accessMap.set(a.id, JSON.stringify(a));
    for (const [id, json] of invitationWrites) items.set(id, json);
    for (const id of [...dropNotices, ...withdrawn]) items.delete(id);
    for (const n of diff.notices) items.set(n.id, JSON.stringify(n));
  });
}
