import { useEffect, useState } from 'react';

/**
 * The current time for text that counts from `since` ("Synced 5 s ago"):
 * re-read every second while that is under a minute ago, then every 15 s, so
 * the text is true whenever it is read. With `since` null the clock stands still.
 */
export function useNow(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (since === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const age = Date.now() - since;
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        age < 60_000 ? 1000 : 15_000,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [since]);
  return now;
}
