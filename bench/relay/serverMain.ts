/**
 * A relay under test, in its own process (forked by the coordinator with
 * --expose-gc), so the load generator's CPU and memory never count as the relay's.
 *
 *   node --expose-gc serverMain.mjs '{"kind":"peer"}'
 *   node --expose-gc serverMain.mjs '{"kind":"tessera","dataDir":"/tmp/x"}'
 *
 * It answers the coordinator over IPC: `ready` (its URLs), `mem` (process memory
 * after forced GC), `rooms` (documents it holds in memory), `stop`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type { ServerConfig, ServerReply, ServerRequest } from './serverProtocol';

interface Running {
  httpUrl: string;
  wsUrl: string;
  /** Documents the server holds in memory, or null when it does not say. */
  rooms(): Promise<number | null>;
  /** Whether the document of this room is in memory. */
  isLoaded(key: string): Promise<boolean>;
  info: Record<string, unknown>;
  close(): Promise<void>;
}

const send = (m: ServerReply) => process.send?.(m);
const log = (s: string) => process.stderr.write(`[${config().kind}] ${s}\n`);

function config(): ServerConfig {
  return JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
}

/** @y/websocket-server 0.1.1 as its own server.js runs it: its `ws` (6.x), no auth, no persistence. */
async function startPeer(host: string, peerWs: 'own' | 'relay'): Promise<Running> {
  const utilsUrl = import.meta.resolve('@y/websocket-server/utils');
  const utils = (await import(utilsUrl)) as {
    setupWSConnection: (conn: unknown, req: IncomingMessage, opts?: { docName?: string }) => void;
    docs: Map<string, unknown>;
  };
  // The peer's own dependency, as `npx y-websocket` would load it; or (peerWs
  // 'relay') the ws the relay uses, to tell the library's cost from the relay's.
  const require = createRequire(new URL(utilsUrl));
  const wsRequire = peerWs === 'relay' ? createRequire(import.meta.url) : require;
  const WebSocket = wsRequire('ws') as { Server: new (o: { noServer: true }) => WsServer };
  const wsVersion = (wsRequire('ws/package.json') as { version: string }).version;
  const peerVersion = (require('../package.json') as { version: string }).version;
  interface WsServer {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, cb: (ws: unknown) => void): void;
    emit(event: string, ...a: unknown[]): boolean;
    on(event: string, cb: (...a: never[]) => void): void;
    close(cb?: () => void): void;
  }
  const wss = new WebSocket.Server({ noServer: true });
  // Rooms as Tessera names them: ws://host:port/sync/<room> -> docName <room>.
  wss.on('connection', (conn: unknown, req: IncomingMessage) => {
    const path = (req.url ?? '/').split('?')[0]!;
    utils.setupWSConnection(conn, req, { docName: decodeURIComponent(path.replace(/^\/sync\//, '').replace(/^\//, '')) });
  });
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('okay');
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  await new Promise<void>((ok) => server.listen(0, host, ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    httpUrl: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}/sync`,
    rooms: () => Promise.resolve(utils.docs.size),
    isLoaded: (key) => Promise.resolve(utils.docs.has(key)),
    info: { name: '@y/websocket-server', version: peerVersion, ws: wsVersion, auth: false, persistence: false },
    close: () => new Promise<void>((ok) => {
      wss.close();
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}

async function start(cfg: ServerConfig): Promise<Running> {
  const host = cfg.host ?? '127.0.0.1';
  if (cfg.kind === 'peer') return startPeer(host, cfg.peerWs ?? 'own');
  const { startTessera } = await import('./tesseraServer');
  return startTessera({ ...cfg, host });
}

async function gcNow(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((ok) => setImmediate(ok));
  }
}

async function main() {
  const cfg = config();
  let running: Running;
  try {
    running = await start(cfg);
  } catch (e) {
    send({ op: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    process.exit(1);
  }
  process.on('message', (raw) => {
    const m = raw as ServerRequest;
    void (async () => {
      try {
        if (m.op === 'mem') {
          await gcNow();
          send({ op: 'mem', id: m.id, mem: process.memoryUsage() });
        } else if (m.op === 'rooms') {
          send({ op: 'rooms', id: m.id, rooms: await running.rooms(), loaded: m.key === undefined ? null : await running.isLoaded(m.key) });
        } else if (m.op === 'stop') {
          await running.close();
          send({ op: 'stopped', id: m.id });
          process.exit(0);
        }
      } catch (e) {
        send({ op: 'error', id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
  log(`listening on ${running.httpUrl}`);
  send({ op: 'ready', httpUrl: running.httpUrl, wsUrl: running.wsUrl, info: running.info, pid: process.pid });
}

void main();
