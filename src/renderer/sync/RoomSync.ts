import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { readAuthMessage } from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE } from '../../shared/protocol/closeCodes';
import type { ReplicaHost } from '../replica/ReplicaHost';
import type { RoomState } from './RoomState';

/** A close the relay meant as final (44xx), with the reason it sent before it. */
export interface TerminalClose {
  code: number;
  reason: string;
  /** The auth message's reason (`reset:...`) when one came first. */
  authReason: string | null;
}

export interface RoomSyncOptions {
  /** The relay's websocket base (`ws(s)://host/sync`). */
  syncUrl: string;
  room: string;
  /** The stored document this room syncs, and its stored name. */
  doc: Y.Doc;
  docName: string;
  host: Pick<ReplicaHost, 'pendingIds' | 'confirm' | 'markRemoteOrigin' | 'syncState'>;
  token: () => string | null;
  readOnly: boolean;
  onTerminal: (close: TerminalClose, sync: RoomSync) => void;
  onChange: (sync: RoomSync) => void;
  now: () => number;
  WebSocketImpl?: typeof WebSocket;
  /** How often an idle live room asks the relay for a round trip (also keeps y-websocket's 30 s watchdog fed). */
  heartbeatMs?: number;
}

type Outstanding = { kind: 'opening' } | { kind: 'probe'; ids: number[]; sv: Uint8Array };

/**
 * One room over one y-websocket provider, plus what y-websocket does not do:
 *
 * - Confirmation. Yjs has no acknowledgement. The relay handles a socket's
 *   messages in order and makes each accepted update durable before handling
 *   the next, so once everything this document holds has been sent, a sync step
 *   1 sent after it is answered by a step 2 only after all of it is stored. The
 *   relay answers step 1s in order, so each step 2 is matched to the step 1 it
 *   answers: y-websocket's opening one, then the probes sent here.
 *   "Everything has been sent" holds from the moment y-websocket answers the
 *   relay's own step 1 on this socket (it replies with all the relay lacks), as
 *   from then on every update is sent as it happens.
 * - Final closes (4400-4499), which y-websocket stops retrying on: handed to the
 *   engine with the auth reason that preceded them.
 * - A fresh token in the URL before every reconnect.
 */
export class RoomSync {
  readonly provider: WebsocketProvider;
  readonly room: string;
  readonly docName: string;
  readonly readOnly: boolean;
  private connection: RoomState['connection'] = 'connecting';
  private failures = 0;
  private handshakeDone = false;
  private outstanding: Outstanding[] = [];
  private probing = false;
  private authReason: string | null = null;
  private lastSyncedAt: number | null = null;
  private lastPersistedAt = 0;
  private readonly watched = new WeakSet<object>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private destroyed = false;

  constructor(private readonly options: RoomSyncOptions) {
    this.room = options.room;
    this.docName = options.docName;
    this.readOnly = options.readOnly;
    const provider = new WebsocketProvider(options.syncUrl, options.room, options.doc, {
      connect: false,
      params: this.params(),
      // Windows of a profile share changes through the replica engine's channel;
      // y-websocket's own would apply them a second time, outside it.
      disableBc: true,
      maxBackoffTime: 10_000,
      ...(options.WebSocketImpl ? { WebSocketPolyfill: options.WebSocketImpl } : {}),
    });
    this.provider = provider;
    options.host.markRemoteOrigin(provider);
    // No presence is shown, so none is sent.
    provider.awareness.setLocalState(null);
    provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
      readAuthMessage(decoder, options.doc, (_doc, reason) => {
        this.authReason = reason;
      });
    };
    provider.on('status', ({ status }) => {
      if (status === 'connecting') this.watch();
      if (status === 'connected') {
        // y-websocket sends its step 1 right after this event.
        this.outstanding = [{ kind: 'opening' }];
        this.authReason = null;
      }
      this.changed();
    });
    provider.on('connection-close', (event) => {
      this.handshakeDone = false;
      this.outstanding = [];
      this.probing = false;
      if (this.connection === 'live') this.failures = 0;
      this.failures++;
      this.connection = event && event.code >= 4400 && event.code < 4500 ? 'refused' : 'offline';
      // y-websocket reconnects from `params`: never with a token from before.
      provider.params = this.params();
      this.changed();
    });
    provider.on('connection-error', () => {
      if (this.connection !== 'live') this.connection = 'offline';
      this.changed();
    });
    provider.on('closed', (close) => {
      if (this.destroyed) return;
      options.onTerminal({ code: close.code, reason: close.reason, authReason: this.authReason }, this);
    });
    void options.host.syncState(options.docName).then((s) => {
      if (s?.lastSyncedAt != null && (this.lastSyncedAt === null || s.lastSyncedAt > this.lastSyncedAt)) this.lastSyncedAt = s.lastSyncedAt;
      this.changed();
    });
    this.heartbeat = setInterval(() => this.probe(true), options.heartbeatMs ?? 12_000);
    // The browser knows at once when the network goes; an open socket that
    // carries nothing would otherwise look live until y-websocket's 30 s
    // watchdog, and "synced" would be a lie meanwhile. Back online, connect at
    // once instead of waiting out the backoff.
    if (typeof globalThis.addEventListener === 'function') {
      globalThis.addEventListener('offline', this.onOffline);
      globalThis.addEventListener('online', this.onOnline);
    }
    provider.connect();
  }

  private readonly onOffline = (): void => {
    if (this.destroyed) return;
    this.provider.disconnect();
    this.handshakeDone = false;
    this.outstanding = [];
    this.probing = false;
    this.connection = 'offline';
    this.changed();
  };

  private readonly onOnline = (): void => {
    if (this.destroyed || this.connection === 'refused') return;
    this.reconnect();
  };

  private params(): Record<string, string> {
    const token = this.options.token();
    return token ? { token } : {};
  }

  state(): RoomState {
    return { room: this.room, connection: this.connection, pending: this.options.host.pendingIds(this.docName).length, lastSyncedAt: this.lastSyncedAt, readOnly: this.readOnly };
  }

  /** Connects again after a final close the engine dealt with (new token, backoff over). */
  reconnect(): void {
    if (this.destroyed) return;
    this.provider.params = this.params();
    this.connection = 'connecting';
    this.provider.connect();
    this.changed();
  }

  /** The store changed: local changes may be waiting for a confirmation. */
  poke(): void {
    if (this.options.host.pendingIds(this.docName).length > 0) this.probe(false);
  }

  private watch(): void {
    const ws = this.provider.ws;
    if (!ws || this.watched.has(ws)) return;
    this.watched.add(ws);
    // Added after y-websocket's onmessage, so it runs after y-websocket handled (and answered) the frame.
    ws.addEventListener('message', (event: MessageEvent) => {
      if (this.provider.ws !== ws || this.destroyed) return;
      this.onFrame(new Uint8Array(event.data as ArrayBuffer));
    });
  }

  private onFrame(frame: Uint8Array): void {
    let type: number;
    let sub: number;
    try {
      const decoder = decoding.createDecoder(frame);
      type = decoding.readVarUint(decoder);
      if (type !== MESSAGE.sync) return;
      sub = decoding.readVarUint(decoder);
    } catch {
      return;
    }
    if (sub === syncProtocol.messageYjsSyncStep1) {
      // y-websocket has just answered it with everything the relay lacks.
      this.handshakeDone = true;
      this.connection = 'live';
      this.failures = 0;
      this.probe(true);
      this.changed();
    } else if (sub === syncProtocol.messageYjsSyncStep2) {
      const answered = this.outstanding.shift();
      if (answered?.kind === 'probe') void this.confirmed(answered);
    }
  }

  /**
   * Sends a step 1 whose answer confirms every local change this window holds.
   * `always`: also with nothing pending (a heartbeat: the answer proves the
   * replica is in step with the relay now).
   */
  private probe(always: boolean): void {
    const ws = this.provider.ws;
    if (this.destroyed || !this.handshakeDone || this.probing || !ws || ws.readyState !== 1) return;
    const ids = this.options.host.pendingIds(this.docName);
    if (!always && ids.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeSyncStep1(encoder, this.options.doc);
    this.outstanding.push({ kind: 'probe', ids, sv: Y.encodeStateVector(this.options.doc) });
    this.probing = true;
    ws.send(encoding.toUint8Array(encoder));
  }

  private async confirmed(probe: { ids: number[]; sv: Uint8Array }): Promise<void> {
    this.probing = false;
    const at = this.options.now();
    this.lastSyncedAt = at;
    // Heartbeats only move "synced at" on disk once a minute; confirmations always.
    if (probe.ids.length > 0 || at - this.lastPersistedAt > 60_000) {
      this.lastPersistedAt = at;
      try {
        await this.options.host.confirm(this.docName, probe.ids, probe.sv, at);
      } catch (err) {
        console.warn(`Could not record the relay's confirmation for ${this.room}:`, err);
      }
    }
    this.changed();
    this.poke();
  }

  private changed(): void {
    if (!this.destroyed) this.options.onChange(this);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (typeof globalThis.removeEventListener === 'function') {
      globalThis.removeEventListener('offline', this.onOffline);
      globalThis.removeEventListener('online', this.onOnline);
    }
    this.provider.destroy();
  }
}
