import WebSocket from 'ws';
import { CLOSE } from '../../shared/protocol/closeCodes';

/**
 * ws closes a socket that sends a frame above maxPayload with 1009, which
 * y-websocket would retry forever; the relay's contract says 4413 (final).
 * 1009 comes from nowhere else in ws, so mapping it here is exact.
 */
export class RelaySocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === 1009) super.close(CLOSE.tooLarge, 'too-large');
    else super.close(code, data);
  }
}
