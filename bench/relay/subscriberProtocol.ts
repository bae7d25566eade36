/** IPC between the coordinator and a subscriber host (subscriberHost.ts). */

export type HostRequest =
  | { op: 'open'; id: number; url: string; count: number; full: number; concurrency: number; timeoutMs: number }
  /** Report what has arrived of `seq` now, complete or not. */
  | { op: 'flush'; seq: number }
  | { op: 'close'; id: number }
  | { op: 'exit' };

export type HostReply =
  | { op: 'hello'; pid: number }
  | { op: 'opened'; id: number; open: number; errors: Record<string, number>; ms: number }
  /** Arrival times (ns, CLOCK_MONOTONIC) of `seq` per subscriber; NaN where it did not arrive. */
  | { op: 'got'; seq: number; at: Float64Array; partial?: boolean }
  | { op: 'closed'; id: number; closeCodes: Record<string, number>; unexpectedCloses: number; verifyFailures: number; framesSeen: number };
