import { useEffect, useState } from 'react';
import type { CalendarInfo, CalendarStore, Settings } from '../replica/CalendarStore';

/**
 * The parts of the store the chrome around the grid renders from. Read again on
 * every store notification; the store hands out fresh arrays per call, so this
 * is kept in state rather than read through useSyncExternalStore (which needs
 * stable snapshots).
 */
export interface StoreState {
  calendars: CalendarInfo[];
  settings: Settings;
  canUndo: boolean;
  canRedo: boolean;
  problems: string[];
  /** Bumps on every notification; views refetch when it changes. */
  version: number;
}

function read(store: CalendarStore, version: number): StoreState {
  return {
    calendars: store.calendars(),
    settings: store.settings(),
    canUndo: store.canUndo(),
    canRedo: store.canRedo(),
    problems: store.loadProblems(),
    version,
  };
}

export function useStoreState(store: CalendarStore): StoreState {
  const [state, setState] = useState(() => read(store, 0));
  useEffect(() => {
    // Re-read once on subscribe: something may have changed between render and effect.
    setState((s) => read(store, s.version + 1));
    return store.subscribe(() => setState((s) => read(store, s.version + 1)));
  }, [store]);
  return state;
}
