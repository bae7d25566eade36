/** IPC between the coordinator and a relay-under-test process (serverMain.ts). */

export interface ServerConfig {
  kind: 'peer' | 'tessera';
  host?: string;
  /** Tessera: the relay's data directory (kept across restarts for cold loads). */
  dataDir?: string;
  /** Peer: its own `ws` (6.x, as shipped) or the relay's (8.x). */
  peerWs?: 'own' | 'relay';
  /** Tessera: extra options passed to startRelay as they are. */
  relayOptions?: Record<string, unknown>;
}

export type ServerRequest = { op: 'mem'; id: number } | { op: 'rooms'; id: number; key?: string } | { op: 'stop'; id: number };

export type ServerReply =
  | { op: 'ready'; httpUrl: string; wsUrl: string; info: Record<string, unknown>; pid: number }
  | { op: 'failed'; error: string }
  | { op: 'mem'; id: number; mem: NodeJS.MemoryUsage }
  | { op: 'rooms'; id: number; rooms: number | null; loaded: boolean | null }
  | { op: 'stopped'; id: number }
  | { op: 'error'; id: number; error: string };
