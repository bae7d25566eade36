import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import type WebSocket from 'ws';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { formatRoom, parseRoom } from '../../shared/protocol/roomName';
import type { AccessReader } from '../access/AccessReader';
import { decideRoom } from '../access/decideRoom';
import { looksLikeAccessToken } from '../auth/accessToken';
import type { AuthService } from '../auth/AuthService';
import type { Store } from '../store/Store';
import { Connection, type ConnectionLimits } from './Connection';
import { handleMessage } from './handleMessage';
import { syncStep1Message } from './messages';
import { RelaySocket } from './RelaySocket';
import type { RoomHost } from './RoomHost';

export const SYNC_PREFIX = '/sync/';
/** The subprotocol the relay answers with when a client offers it next to its token. */
export const SYNC_SUBPROTOCOL = 'tessera';

export interface SyncServerOptions {
  maxPayload: number;
  limits: ConnectionLimits;
  pingMs: number;
  now: () => number;
  log: (message: string) => void;
  onSynced?: (conn: Connection) => void;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** The token a client offers as a Sec-WebSocket-Protocol value (browsers cannot set headers). */
function tokenFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  for (const p of header.split(',')) {
    const v = p.trim();
    if (looksLikeAccessToken(v)) return v;
  }
  return null;
}

/**
 * Websocket sync at /sync/<room>. The upgrade is always accepted and the socket
 * then authenticated, so a refusal reaches the client as a close code
 * (4401/4403/4404, final for y-websocket) rather than an opaque 1006 it retries.
 */
export class SyncServer {
  private readonly wss: WebSocketServer;
  private readonly pinger: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: Store,
    private readonly reader: AccessReader,
    private readonly auth: AuthService,
    private readonly host: RoomHost,
    private readonly options: SyncServerOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayload,
      perMessageDeflate: false,
      WebSocket: RelaySocket,
      // Answer with a protocol the client offered, or its browser drops the socket.
      handleProtocols: (protocols) => {
        if (protocols.has(SYNC_SUBPROTOCOL)) return SYNC_SUBPROTOCOL;
        const first = protocols.values().next();
        return first.done === true ? false : first.value;
      },
    });
    this.pinger = setInterval(() => this.ping(), options.pingMs);
    this.pinger.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        this.onConnection(ws, req);
      } catch (err) {
        // A bug or a damaged row must cost this socket, never the relay.
        this.options.log(`Could not set up a socket: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        ws.close(1011, 'internal-error');
      }
    });
  }

  /** Closes every socket of a signed-out session. */
  closeSession(sessionId: string): void {
    for (const c of [...this.host.connections]) if (c.sessionId === sessionId) c.close(CLOSE.unauthorized, 'signed-out');
  }

  closeAll(code: number, reason: string): void {
    for (const c of [...this.host.connections]) c.close(code, reason);
    for (const ws of this.wss.clients) ws.terminate();
  }

  close(): void {
    clearInterval(this.pinger);
    this.wss.close();
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    ws.on('error', () => {});
    const url = new URL(req.url ?? '/', 'http://relay');
    let roomText: string;
    try {
      roomText = decodeURIComponent(url.pathname.slice(SYNC_PREFIX.length));
    } catch {
      roomText = '';
    }
    const roomName = parseRoom(roomText);
    if (!roomName) {
      ws.close(CLOSE.notFound, 'unknown-room');
      return;
    }
    const token = url.searchParams.get('token') ?? tokenFromProtocols(req.headers['sec-websocket-protocol']);
    if (!token) {
      ws.close(CLOSE.unauthorized, 'no-token');
      return;
    }
    const who = this.auth.authenticate(token);
    if (!who.ok) {
      ws.close(CLOSE.unauthorized, who.reason);
      return;
    }
    const decision = decideRoom(this.store, this.reader, who.person, roomName);
    if (!decision.ok) {
      ws.close(decision.code, decision.reason);
      return;
    }
    let conn: Connection;
    try {
      const room = this.host.open(roomName);
      conn = new Connection(ws, who.person.id, who.sessionId, roomName, formatRoom(roomName), who.readOnly ? 'read' : decision.mode, decision.owner, this.options.limits, this.options.now());
      this.host.attach(conn, room);
      conn.send(syncStep1Message(room.doc));
      const presence = this.host.awarenessStates(room);
      if (presence) conn.send(presence);
    } catch (err) {
      this.options.log(`Could not open ${roomText}: ${err instanceof Error ? err.message : String(err)}`);
      ws.close(1011, 'open-failed');
      return;
    }
    const ctx = { host: this.host, now: this.options.now, log: this.options.log, onSynced: this.options.onSynced };
    ws.on('message', (data, isBinary) => {
      try {
        handleMessage(ctx, conn, toBytes(data), isBinary);
      } catch (err) {
        // A bug must cost one socket, never the relay.
        this.options.log(`Error handling a message on ${conn.roomKey}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        conn.close(1011, 'internal-error');
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('close', () => {
      conn.closed = true;
      this.host.detach(conn);
    });
  }

  private ping(): void {
    for (const c of this.host.connections) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.ws.ping();
      } catch {
        c.ws.terminate();
      }
    }
  }
}
