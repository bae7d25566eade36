import { useEffect, useState } from 'react';
import type { Schedule, ScheduleQuery } from './loadSchedule';
import { loadSchedule } from './loadSchedule';

/**
 * `loadSchedule` kept current: re-read whenever the replicas or the sync state
 * change (a colleague's calendar finishing its first sync fills their row).
 * Null until the first read.
 */
export function useSchedule(q: ScheduleQuery | null): Schedule | null {
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const key = q ? JSON.stringify([q.attendees, q.fromMs, q.toMs, q.excludeUid ?? null, q.me?.id ?? null]) : null;
  useEffect(() => {
    if (!q) {
      setSchedule(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      loadSchedule(q).then(
        (s) => live && setSchedule(s),
        (err: unknown) => console.warn('Could not read availability:', err),
      );
    };
    // Store changes come in bursts while a calendar syncs: read once they settle.
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, 150);
    };
    run();
    const offStore = q.store.subscribe(soon);
    const offSync = q.sync?.subscribe(soon);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      offStore();
      offSync?.();
    };
    // The query's identity changes on every render; its content is the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, q?.store, q?.sync]);
  return schedule;
}
