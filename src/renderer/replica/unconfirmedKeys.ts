import type * as Y from 'yjs';
import { GROUPS, groupMap } from '../../shared/model/eventDocument';

/** The part of Y.Map that Yjs 13 keeps per key: the item holding its current value. */
interface MapInternals {
  _map: Map<string, { id: { client: number; clock: number }; deleted: boolean }>;
}

/**
 * Event keys whose current value was written by one of `localClients` after the
 * state the relay is known to hold (`confirmed`, a decoded state vector): the
 * edits of this device that the relay may not have. A key written here and then
 * overwritten by someone else's change is not one: that change wins anyway.
 *
 * Reads Yjs's per-key item (`_map`), the one place that says who wrote a value
 * without decoding the whole history.
 */
export function unconfirmedKeys(doc: Y.Doc, localClients: ReadonlySet<number>, confirmed: ReadonlyMap<number, number>): Set<string> {
  const keys = new Set<string>();
  if (localClients.size === 0) return keys;
  for (const group of GROUPS) {
    const map = groupMap(doc, group) as unknown as MapInternals;
    for (const [key, item] of map._map) {
      if (item.deleted) continue;
      const { client, clock } = item.id;
      if (localClients.has(client) && clock >= (confirmed.get(client) ?? 0)) keys.add(key);
    }
  }
  return keys;
}
