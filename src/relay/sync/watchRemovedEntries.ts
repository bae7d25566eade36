import * as Y from 'yjs';

/**
 * Starts recording the values that the next transactions of `doc` remove from
 * its root maps (root -> key -> value before removal); the returned function
 * stops and gives them. Read in `afterTransaction`, before Yjs collects the
 * deleted items, which is the last moment their content is still there.
 */
export function watchRemovedEntries(doc: Y.Doc): () => Map<string, Map<string, unknown>> {
  const removed = new Map<string, Map<string, unknown>>();
  const listener = (tr: Y.Transaction) => {
    for (const [changedType, keys] of tr.changed) {
      const type: unknown = changedType;
      if (changedType._item !== null || !(type instanceof Y.Map)) continue;
      let name: string | null = null;
      for (const [n, t] of doc.share) if (t === changedType) name = n;
      if (name === null) continue;
      for (const key of keys) {
        if (key === null || type.has(key)) continue;
        const item = type._map.get(key);
        if (!item?.deleted || !(item.content instanceof Y.ContentAny)) continue;
        const values = item.content.getContent();
        let map = removed.get(name);
        if (!map) removed.set(name, (map = new Map()));
        map.set(key, values[values.length - 1]);
      }
    }
  };
  doc.on('afterTransaction', listener);
  return () => {
    doc.off('afterTransaction', listener);
    return removed;
  };
}
