import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { PermissionLevel } from '../../../src/shared/permissions/PermissionLevel';
import { sessionSchema, type Session } from '../../../src/shared/protocol/api';
import { startRelay, type RelayHandle, type StartRelayOptions } from '../../../src/relay/startRelay';
import { addPerson } from '../../../src/relay/sharing/addPerson';
import { ensureOrg } from '../../../src/relay/sharing/ensureOrg';
import { CLI_ACTOR } from '../../../src/relay/sharing/SharingContext';
import type { OrgRow } from '../../../src/relay/store/rowSchemas';

export const PASSWORD = 'correct horse battery';

export interface TestRelay {
  relay: RelayHandle;
  dir: string;
  logs: string[];
  /** Moves the relay's clock forward. */
  advance(ms: number): void;
  org(name?: string, defaultLevel?: PermissionLevel): OrgRow;
  person(email: string, opts?: { org?: OrgRow; admin?: boolean; name?: string }): Promise<{ id: string; email: string }>;
  signIn(email: string, password?: string): Promise<Session>;
  api<T = unknown>(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }>;
  connect(room: string, token: string, doc?: Y.Doc): SyncClient;
  /** Stops the relay and starts a new one on the same data directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves on the first sync with the relay. */
  synced: Promise<void>;
  /** Resolves with the close code and reason of the first server close. */
  closed: Promise<{ code: number; reason: string }>;
  /** Reasons of auth "permission denied" messages received. */
  denied: string[];
  destroy(): void;
}

export async function startTestRelay(options: Partial<StartRelayOptions> = {}): Promise<TestRelay> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-relay-'));
  let offset = 0;
  const logs: string[] = [];
  const start = () =>
    startRelay({
      dataDir: dir,
      port: 0,
      passwordCost: 16,
      roomIdleMs: 1_000,
      now: () => Date.now() + offset,
      log: (m) => logs.push(m),
      ...options,
    });
  const relay = await start();
  const clients: SyncClient[] = [];
  let defaultOrg: OrgRow | null = null;
  const t: TestRelay = {
    relay,
    dir,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    org: (name = 'Test Org', level: PermissionLevel = 'none') => {
      const org = ensureOrg(t.relay.sharing, CLI_ACTOR, name, level);
      if (name === 'Test Org') defaultOrg = org;
      return org;
    },
    person: async (email, opts = {}) => {
      const org = opts.org ?? defaultOrg ?? t.org();
      const p = await addPerson(t.relay.sharing, CLI_ACTOR, org.id, { email, name: opts.name ?? email.split('@')[0]!, password: PASSWORD, isAdmin: opts.admin });
      return { id: p.id, email: p.email };
    },
    signIn: async (email, password = PASSWORD) => {
      const r = await t.api('POST', '/api/auth/sign-in', null, { email, password });
      if (r.status !== 200) throw new Error(`sign-in ${email}: ${r.status} ${JSON.stringify(r.body)}`);
      return sessionSchema.parse(r.body);
    },
    api: async <T>(method: string, p: string, token: string | null, body?: unknown) => {
      const res = await fetch(t.relay.url + p, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    connect: (room, token, doc = new Y.Doc()) => {
      const c = connectClient(t.relay.syncUrl, room, token, doc);
      clients.push(c);
      return c;
    },
    restart: async () => {
      for (const c of clients.splice(0)) c.destroy();
      await t.relay.close();
      t.relay = await start();
    },
    close: async () => {
      for (const c of clients) c.destroy();
      await t.relay.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

export function connectClient(syncUrl: string, room: string, token: string, doc: Y.Doc = new Y.Doc()): SyncClient {
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  const denied: string[] = [];
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) denied.push(decoding.readVarString(decoder));
  };
  let resolveSynced!: () => void;
  const synced = new Promise<void>((r) => (resolveSynced = r));
  provider.on('sync', (s: boolean) => {
    if (s) resolveSynced();
  });
  let resolveClosed!: (v: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (resolveClosed = r));
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) resolveClosed({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    synced,
    closed,
    denied,
    destroy: () => {
      provider.destroy();
    },
  };
}

/** Resolves when `check` holds, polling; rejects after `ms`. */
export async function waitFor(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Races a promise against a timeout, for "this must not happen" checks. */
export async function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
}
