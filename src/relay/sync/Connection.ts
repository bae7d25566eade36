import type WebSocket from 'ws';
import type { RoomName } from '../../shared/protocol/roomName';
import type { Room } from './Room';
import { TokenBucket } from './TokenBucket';

export interface ConnectionLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  /** Queued outgoing bytes above which a reader counts as too slow. */
  sendBufferLimit: number;
}

/** Grace after a close frame before the socket is cut (a slow reader may never read it). */
const CLOSE_GRACE_MS = 3_000;

/**
 * One websocket syncing one room. Deliberately small (no document copy, no
 * buffers of its own), since an idle connection should cost at most ~16 KB.
 */
export class Connection {
  mode: 'read' | 'write';
  room: Room | null = null;
  /** Awareness client ids this socket announced, removed when it leaves. */
  awarenessIds: Set<number> | null = null;
  alive = true;
  closed = false;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
    readonly roomName: RoomName,
    readonly roomKey: string,
    mode: 'read' | 'write',
    /** The calendar's owner (ownership never changes, so this is fixed for the socket's life). */
    readonly isOwner: boolean,
    private readonly limits: ConnectionLimits,
    now: number,
  ) {
    this.mode = mode;
    this.messages = new TokenBucket(limits.messageBurst, limits.messagesPerSecond, now);
    this.bytes = new TokenBucket(limits.byteBurst, limits.bytesPerSecond, now);
  }

  /** False when this message exceeds the connection's rate. */
  admit(size: number, now: number): boolean {
    return this.messages.take(1, now) && this.bytes.take(size, now);
  }

  /** Sends a frame, or closes a reader that lets too much pile up; false when not sent. */
  send(message: Uint8Array): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > this.limits.sendBufferLimit) {
      this.close(4429, 'slow-reader');
      return false;
    }
    this.ws.send(message);
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    const ws = this.ws;
    try {
      ws.close(code, reason.slice(0, 120));
    } catch {
      ws.terminate();
      return;
    }
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    timer.unref();
    ws.once('close', () => clearTimeout(timer));
  }
}
