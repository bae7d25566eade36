import type * as Y from 'yjs';
import { groupMap, parseGroup } from '../../shared/model/eventDocument';
import { projectWhat, type ProjectionKind } from '../../shared/protocol/projectGroups';

/**
 * The `when` and `what` values a projection holds for one event key, derived
 * from `full`: `when` as stored (it is validated on the way in), `what` through
 * projectWhat(). An entry without a `when` is not an event (a delete racing an
 * edit), so it projects to nothing.
 */
export function projectedValues(full: Y.Doc, key: string, kind: ProjectionKind): { when: string; what: string | undefined } | null {
  const whenRaw = groupMap(full, 'when').get(key);
  if (whenRaw === undefined || parseGroup('when', whenRaw) === null) return null;
  const what = parseGroup('what', groupMap(full, 'what').get(key));
  return { when: whenRaw, what: what === null ? undefined : JSON.stringify(projectWhat(what, kind)) };
}

/**
 * Brings `keys` of a projection document in line with `full`, writing only what
 * differs so an unchanged entry keeps its Yjs item (and clients receive nothing).
 * Call inside a transaction on `target`.
 */
export function projectKeys(full: Y.Doc, target: Y.Doc, kind: ProjectionKind, keys: Iterable<string>): void {
  const when = groupMap(target, 'when');
  const what = groupMap(target, 'what');
  for (const key of keys) {
    const next = projectedValues(full, key, kind);
    if (next === null) {
      if (when.has(key)) when.delete(key);
      if (what.has(key)) what.delete(key);
      continue;
    }
    if (when.get(key) !== next.when) when.set(key, next.when);
    if (next.what === undefined) {
      if (what.has(key)) what.delete(key);
    } else if (what.get(key) !== next.what) what.set(key, next.what);
  }
}

/** Every key either document mentions: what a full reconciliation must look at. */
export function allProjectionKeys(full: Y.Doc, target: Y.Doc): Set<string> {
  const keys = new Set<string>();
  for (const k of groupMap(full, 'when').keys()) keys.add(k);
  for (const k of groupMap(full, 'what').keys()) keys.add(k);
  for (const k of groupMap(target, 'when').keys()) keys.add(k);
  for (const k of groupMap(target, 'what').keys()) keys.add(k);
  return keys;
}
