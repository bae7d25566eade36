import type * as Y from 'yjs';

/**
 * Starts recording which keys of which root maps the next transactions of `doc`
 * change; the returned function stops and gives them. Hooks that act on content
 * (meetings) need keys, not the update bytes, and must not re-decode them.
 */
export function watchRootChanges(doc: Y.Doc): () => Map<string, Set<string>> {
  const changed = new Map<string, Set<string>>();
  const listener = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      if (type._item !== null) continue;
      let name: string | null = null;
      for (const [n, t] of doc.share) if (t === type) name = n;
      if (name === null) continue;
      let set = changed.get(name);
      if (!set) changed.set(name, (set = new Set()));
      for (const k of keys) if (k !== null) set.add(k);
    }
  };
  doc.on('afterTransaction', listener);
  return () => {
    doc.off('afterTransaction', listener);
    return changed;
  };
}
