import type { ServerProc } from './processes';

/**
 * A relay under test plus what a client needs to reach a calendar's rooms on it:
 * for the peer nothing (no auth: any room name opens), for Tessera a signed-in
 * person who owns the benchmark's calendars.
 */
export interface Target {
  name: 'tessera' | 'peer';
  server: ServerProc;
  /** Creates (on Tessera) a calendar the target's person owns; returns its id. */
  calendar(name: string): Promise<string>;
  /** The websocket URL of a room, authenticated. */
  roomUrl(room: string): string;
}

export function peerTarget(server: ServerProc): Target {
  return {
    name: 'peer',
    server,
    calendar: (name) => Promise.resolve(name),
    roomUrl: (room) => `${server.wsUrl}/${room}`,
  };
}
