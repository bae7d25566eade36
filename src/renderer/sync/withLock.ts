/** Runs `fn` holding a lock shared by every window of this origin. */
export type LockFn = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

const localQueues = new Map<string, Promise<unknown>>();

/**
 * The Web Locks API where there is one (every window of a profile shares it), an
 * in-process queue elsewhere (Node tests): refreshing a rotating refresh token
 * from two windows at once would spend it twice, which the relay treats as theft.
 */
export const withLock: LockFn = (name, fn) => {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) return locks.request(name, fn) as Promise<Awaited<ReturnType<typeof fn>>> as never;
  const previous = localQueues.get(name) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  localQueues.set(
    name,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
};

export interface Leadership {
  /** Gives the lock up (window closing, service closed). */
  release(): void;
}

/**
 * Holds `tessera-sync:<db>` while this window is the one syncing the profile:
 * `onLeader` runs when it gets the lock (at once if no other window holds it, or
 * when the holder closes). Without Web Locks every window leads.
 */
export function acquireLeadership(name: string, onLeader: () => void): Leadership {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) {
    queueMicrotask(onLeader);
    return { release: () => undefined };
  }
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const abort = new AbortController();
  void locks
    .request(name, { signal: abort.signal }, () => {
      onLeader();
      return held;
    })
    .catch(() => undefined);
  return {
    release: () => {
      abort.abort();
      release();
    },
  };
}
