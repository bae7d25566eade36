import { useCallback, useEffect, useRef, useState } from 'react';
import { problemsOf } from './problemsOf';

export interface RelayData<T> {
  /** null until the first load answers. */
  data: T | null;
  /** An action is running: buttons are disabled so two changes never race. */
  busy: boolean;
  error: string | null;
  status: string | null;
  setError: (error: string | null) => void;
  /**
   * Runs one change: clears the notices, awaits `fn`, shows its answer as the
   * status when it is a string, calls `afterRun`, then reloads. A refusal shows
   * its problems as the error and returns false.
   */
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
}

/**
 * A list the relay serves, loaded on mount (and when `reloadKey` changes) and
 * after every change made through `run`. The settings and admin sections all
 * had this same load / busy / error / status dance; `fetch` must be stable
 * (useCallback), it decides when the list is loaded again.
 */
export function useRelayData<T>(fetch: () => Promise<T>, options: { loadError?: string; reloadKey?: unknown; afterRun?: () => void } = {}): RelayData<T> {
  const { loadError, reloadKey, afterRun } = options;
  const [data, setData] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Only the newest load may set the data: an older answer arriving late would show a stale list.
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const next = await fetch();
      if (ticket === latest.current) setData(next);
    } catch (err) {
      if (ticket === latest.current) setError(`${loadError ?? ''}${problemsOf(err).join(' ')}`);
    }
  }, [fetch, loadError]);
  useEffect(() => {
    void load();
  }, [load, reloadKey]);

  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const answer = await fn();
      if (typeof answer === 'string') setStatus(answer);
      afterRun?.();
      await load();
      return true;
    } catch (err) {
      setError(problemsOf(err).join(' '));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { data, busy, error, status, setError, run };
}
