import { useEffect, useRef } from 'react';

/**
 * Calls `commit(value)` once the value has stopped changing for `ms`. A colour
 * picker fires an input event per pixel dragged; writing each one would flood
 * the store (and every other window) with intermediate colours.
 */
export function useDebouncedCommit<T>(value: T, committed: T, commit: (value: T) => void, ms = 300): void {
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => {
    if (Object.is(value, committed)) return;
    const t = setTimeout(() => commitRef.current(value), ms);
    return () => clearTimeout(t);
  }, [value, committed, ms]);
}
