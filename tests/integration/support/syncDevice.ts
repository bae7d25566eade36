import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { openCalendarStore, type ReplicaStoreApi } from '../../../src/renderer/replica/openCalendarStore';
import { openSyncService, type OpenedSyncService } from '../../../src/renderer/sync/openSyncService';
import type { Platform } from '../../../src/renderer/platform/Platform';

/**
 * One device (or window) of the app in Node: the real replica engine on
 * fake-indexeddb, the real sync service with real y-websocket clients (ws),
 * and an in-memory session vault standing in for the platform's.
 */
export interface SyncDevice {
  dbName: string;
  store: ReplicaStoreApi;
  sync: OpenedSyncService;
  vault: Map<string, string>;
  /** Stops syncing (the store stays open): the device is offline. */
  offline(): void;
  /** Starts a new sync service on the same store and vault, as after a restart or reconnect. */
  online(): Promise<void>;
  close(): void;
}

let n = 0;
export const freshDbName = (label = 'device') => `${label}-${process.pid}-${Date.now()}-${n++}`;

export function memoryVault(vault = new Map<string, string>()): Pick<Platform, 'loadSession' | 'saveSession'> {
  return {
    loadSession: (profile) => Promise.resolve(vault.get(profile) ?? null),
    saveSession: (profile, session) => {
      if (session === null) vault.delete(profile);
      else vault.set(profile, session);
      return Promise.resolve(true);
    },
  };
}

export async function openDevice(options: { dbName?: string; vault?: Map<string, string>; relayUrl?: string; heartbeatMs?: number; leader?: boolean } = {}): Promise<SyncDevice> {
  const dbName = options.dbName ?? freshDbName();
  const vault = options.vault ?? new Map<string, string>();
  const store = await openCalendarStore({ dbName });
  await store.updateSettings({ displayZone: 'Europe/Berlin' });
  const start = () =>
    openSyncService({
      store,
      platform: memoryVault(vault),
      origin: options.relayUrl ?? null,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      heartbeatMs: options.heartbeatMs ?? 500,
      // Stands in for the Web Locks leader lock: a test says which window leads.
      leadership: (_name, onLeader) => {
        if (options.leader !== false) queueMicrotask(onLeader);
        return { release: () => undefined };
      },
    });
  const device: SyncDevice = {
    dbName,
    store,
    sync: await start(),
    vault,
    offline: () => device.sync.close(),
    online: async () => {
      device.sync = await start();
    },
    close: () => {
      device.sync.close();
      store.close();
    },
  };
  return device;
}

/** Polls until `check` is true (async checks allowed). */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
