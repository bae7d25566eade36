import * as Y from 'yjs';

/** Where an incoming item will land once Yjs integrates it. */
export interface ResolvedItem {
  item: Y.Item;
  /**
   * The root type's name for a top-level entry; null when Yjs will drop the item
   * (its neighbour was garbage-collected, so it integrates as GC and keeps nothing).
   */
  root: string | null;
  /** The map key (parentSub); null for list content. */
  key: string | null;
  /** Inside a nested type rather than directly in a root type. */
  nested: boolean;
}

export type Inspection =
  | { ok: false; reason: string }
  | {
      ok: true;
      /** Structs or deletions the document does not have yet. */
      hasNew: boolean;
      /** Every item with a clock the document lacks, with where it lands. */
      items: ResolvedItem[];
      /** Root types holding items this update newly deletes (for who-may-delete-what rules). */
      deletedRoots: Set<string>;
      /** Number of structs and delete ranges, for the caller's limits. */
      size: number;
    };

type Struct = Y.Item | Y.GC | Y.Skip;
/** Yjs's DeleteSet, which its typings do not export. */
interface DecodedDeleteSet {
  clients: Map<number, { clock: number; len: number }[]>;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;
type Landing = { root: string | null; key: string | null; nested: boolean; dropped: boolean };

const DROPPED: Landing = { root: null, key: null, nested: false, dropped: true };

function findIn(list: readonly Struct[] | undefined, clock: number): Struct | null {
  if (!list || list.length === 0) return null;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!;
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return null;
}

/**
 * Reads a client's update without applying it and works out, against `doc`,
 * what it would change: whether anything is new, and for each new item the root
 * type and key it will be integrated into. Items that only carry an origin (how
 * Yjs encodes a map overwrite or a list insert) are resolved through that origin,
 * in the document or earlier in the same update, exactly as Item.getMissing does.
 *
 * Refuses (ok: false) what Yjs would not apply at once: garbage, gaps in a
 * client's clock, references to items neither side has. Yjs would keep such an
 * update pending in memory, so the stored log and the live document would differ.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Inspection {
  let decoded: { structs: Struct[]; ds: DecodedDeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DecodedDeleteSet };
  } catch {
    return { ok: false, reason: 'malformed-update' };
  }
  const store = doc.store;
  const newByClient = new Map<number, Struct[]>();
  const expected = new Map<number, number>();
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip) continue;
    const client = s.id.client;
    const known = expected.get(client) ?? Y.getState(store, client);
    if (s.id.clock + s.length <= known) continue;
    if (s.id.clock > known) return { ok: false, reason: 'missing-dependency' };
    expected.set(client, s.id.clock + s.length);
    const list = newByClient.get(client);
    if (list) list.push(s);
    else newByClient.set(client, [s]);
  }

  const rootNames = new Map<AnyType, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);

  const landingOfDocStruct = (s: Y.Item | Y.GC): Landing => {
    if (!(s instanceof Y.Item)) return DROPPED;
    const parent = s.parent as AnyType | null;
    if (parent === null) return DROPPED;
    const root = rootNames.get(parent);
    return root === undefined ? { root: null, key: s.parentSub, nested: true, dropped: false } : { root, key: s.parentSub, nested: false, dropped: false };
  };

  const memo = new Map<Struct, Landing | 'pending'>();
  type Found = { where: 'doc'; struct: Y.Item | Y.GC } | { where: 'update'; struct: Struct } | null;
  const find = (id: Y.ID): Found => {
    if (id.clock < Y.getState(store, id.client)) {
      const list = store.clients.get(id.client)!;
      return { where: 'doc', struct: list[Y.findIndexSS(list, id.clock)]! };
    }
    const s = findIn(newByClient.get(id.client), id.clock);
    return s ? { where: 'update', struct: s } : null;
  };

  let missing = false;
  const landingOf = (s: Struct): Landing => {
    const cached = memo.get(s);
    if (cached === 'pending') {
      // An origin cycle inside one update: Yjs could never integrate it.
      missing = true;
      return DROPPED;
    }
    if (cached) return cached;
    if (!(s instanceof Y.Item)) return DROPPED;
    memo.set(s, 'pending');
    const landing = resolveItem(s);
    memo.set(s, landing);
    return landing;
  };
  const landingOfFound = (f: Found): Landing | null => {
    if (f === null) return null;
    return f.where === 'doc' ? landingOfDocStruct(f.struct) : landingOf(f.struct);
  };
  const resolveItem = (item: Y.Item): Landing => {
    const left = item.origin ? find(item.origin) : undefined;
    const right = item.rightOrigin ? find(item.rightOrigin) : undefined;
    if (left === null || right === null) {
      missing = true;
      return DROPPED;
    }
    const isGc = (f: Found | undefined) => f !== undefined && f !== null && !(f.struct instanceof Y.Item);
    if (isGc(left) || isGc(right)) return DROPPED;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { root: parent, key: item.parentSub, nested: false, dropped: false };
    if (parent instanceof Y.ID) {
      const p = find(parent);
      if (p === null) {
        missing = true;
        return DROPPED;
      }
      if (!(p.struct instanceof Y.Item)) return DROPPED;
      return { root: null, key: item.parentSub, nested: true, dropped: false };
    }
    // No parent info: Yjs takes parent and key from the left neighbour, else the right one.
    const from = left !== undefined ? landingOfFound(left) : right !== undefined ? landingOfFound(right) : null;
    if (from === null) {
      // Neither origin nor parent: not something Yjs encodes.
      missing = true;
      return DROPPED;
    }
    return from;
  };

  const items: ResolvedItem[] = [];
  let size = 0;
  for (const list of newByClient.values()) {
    for (const s of list) {
      size++;
      if (!(s instanceof Y.Item)) continue;
      const landing = landingOf(s);
      if (missing) return { ok: false, reason: 'missing-dependency' };
      if (!landing.dropped) items.push({ item: s, root: landing.root, key: landing.key, nested: landing.nested });
    }
  }

  let newDeletes = false;
  const deletedRoots = new Set<string>();
  for (const [client, ranges] of decoded.ds.clients) {
    const state = Y.getState(store, client);
    const updateEnd = expected.get(client) ?? state;
    const structs = store.clients.get(client);
    for (const { clock, len } of ranges) {
      size++;
      if (len <= 0) continue;
      const end = clock + len;
      if (end > Math.max(state, updateEnd)) return { ok: false, reason: 'missing-dependency' };
      if (end > state) newDeletes = true;
      if (!structs || clock >= state) continue;
      // Within what the document has: new only where a struct is not deleted yet.
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i]!;
        if (s.id.clock >= end) break;
        if (!s.deleted) {
          newDeletes = true;
          const landing = landingOfDocStruct(s);
          if (landing.root !== null) deletedRoots.add(landing.root);
        }
      }
    }
  }
  return { ok: true, hasNew: newByClient.size > 0 || newDeletes, items, deletedRoots, size };
}
