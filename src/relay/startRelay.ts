import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessReader } from './access/AccessReader';
import { AuthService } from './auth/AuthService';
import { createHttpHandler } from './http/createHttpHandler';
import { serveIcsFeed } from './http/serveIcsFeed';
import { servePersonalFeed } from './http/servePersonalFeed';
import { serveStatic } from './http/serveStatic';
import { IcsFeedCache } from './ics/IcsFeedCache';
import { relayOptionsSchema, resolveDbPath, type RelayOptionsInput } from './RelayOptions';
import { renameFromDocument } from './sharing/renameCalendar';
import type { SharingContext } from './sharing/SharingContext';
import { openStore, type Store } from './store/Store';
import { MeetingDesk } from './meetings/MeetingDesk';
import { EventTrash } from './trash/EventTrash';
import { purgeTrash } from './trash/purgeTrash';
import { LiveEffects } from './sync/LiveEffects';
import { RoomHost } from './sync/RoomHost';
import { roomTeamWriter } from './teams/roomTeamWriter';
import { SyncTimes } from './sync/SyncTimes';
import { SYNC_PREFIX, SyncServer } from './sync/SyncServer';
import { refreshInbox } from './inbox/refreshInbox';
import { SYSTEM_CAUSE } from './inbox/AccessCause';

/** How often "last synced" times reach the file: often enough for the admin review, rare enough to cost nothing. */
const SYNC_TIMES_FLUSH_MS = 5_000;

export interface StartRelayOptions extends RelayOptionsInput {
  /** Clock for tokens and timestamps (tests move it forward). */
  now?: () => number;
  /** Where the relay reports problems; console.error by default. */
  log?: (message: string) => void;
}

export interface RelayHandle {
  /** http://host:port */
  url: string;
  /** ws://host:port/sync: the y-websocket server URL (rooms are appended). */
  syncUrl: string;
  port: number;
  host: string;
  dbPath: string;
  store: Store;
  /** For tests and tools in the same process: operations that act on open sockets at once. */
  sharing: SharingContext;
  rooms: RoomHost;
  auth: AuthService;
  close(): Promise<void>;
}

/**
 * Starts a relay: one SQLite file, HTTP API, websocket sync and (optionally) the
 * web app, on one port. Resolves once it listens.
 */
export async function startRelay(input: StartRelayOptions = {}): Promise<RelayHandle> {
  const { now: nowOpt, log: logOpt, ...rest } = input;
  const options = relayOptionsSchema.parse(rest);
  const now = nowOpt ?? Date.now;
  const log = logOpt ?? ((m: string) => console.error(`[relay] ${m}`));
  const dbPath = resolveDbPath(options);
  const store = openStore(dbPath, { synchronous: options.synchronous });
  try {
    return await listen(store, dbPath, options, now, log);
  } catch (err) {
    store.close();
    throw err;
  }
}

async function listen(store: Store, dbPath: string, options: ReturnType<typeof relayOptionsSchema.parse>, now: () => number, log: (m: string) => void): Promise<RelayHandle> {
  const reader = new AccessReader(store);
  const auth = new AuthService(store, { accessTtlMs: options.accessTtlMs, refreshTtlMs: options.refreshTtlMs, now });
  // The host and the effects need each other (hooks run operations that write
  // rooms); the hooks read `sharing`, which exists before any room is opened.
  let sharing: SharingContext | null = null;
  let meetings: MeetingDesk | null = null;
  let eventTrash: EventTrash | null = null;
  const rooms = new RoomHost(
    store,
    { idleMs: options.roomIdleMs, compactRows: options.compactRows, compactBytes: options.compactBytes, now, log },
    {
      calendarEpochs: (id) => {
        const c = store.sharing.calendar(id);
        return c ? { titles: c.titles_epoch, busy: c.busy_epoch } : null;
      },
      onLoaded: (room) => {
        if (room.kind !== 'inbox') return;
        const person = store.directory.person(room.key.slice('inbox/'.length));
        if (person) refreshInbox({ store, reader, host: rooms, now }, person, SYSTEM_CAUSE);
      },
      onMetaName: (calendarId, name, byUserId) => {
        if (sharing) renameFromDocument(sharing, calendarId, name, byUserId);
      },
      onChanged: (room, changed, byUserId, removed) => {
        // The client's update is stored and sent already: a failure here must not cost its socket.
        try {
          meetings?.onChanged(room, changed, byUserId);
        } catch (err) {
          log(`Meetings: ${err instanceof Error ? err.message : String(err)}`);
        }
        try {
          eventTrash?.onChanged(room, removed, byUserId);
        } catch (err) {
          log(`Event trash: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    },
  );
  meetings = new MeetingDesk(store, rooms, now, log);
  const effects = new LiveEffects(store, reader, auth, rooms, now, log);
  sharing = { store, reader, effects, now, passwordCost: options.passwordCost };
  eventTrash = new EventTrash(sharing, rooms);
  const purge = () => {
    try {
      const purged = purgeTrash(store, now());
      if (purged.calendars > 0 || purged.events > 0) log(`Trash: purged ${purged.calendars} calendar(s) and ${purged.events} event(s) deleted over 30 days ago`);
    } catch (err) {
      log(`Purging the trash failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  purge();
  const syncTimes = new SyncTimes(store.db, now);
  const sync = new SyncServer(store, reader, auth, rooms, {
    onSynced: (conn) => syncTimes.synced(conn),
    maxPayload: options.maxPayload,
    pingMs: options.pingMs,
    now,
    log,
    limits: {
      messagesPerSecond: options.messagesPerSecond,
      messageBurst: options.messageBurst,
      bytesPerSecond: options.bytesPerSecond,
      byteBurst: options.byteBurst,
      sendBufferLimit: options.sendBufferLimit,
    },
  });
  effects.sync = sync;

  const feedCache = new IcsFeedCache(store, rooms, now);
  const server = createServer(
    createHttpHandler(
      { sharing, auth, log, signInAttempts: options.signInAttempts, signInWindowMs: options.signInWindowMs, eventTrash, syncTimes, teams: roomTeamWriter(rooms, now) },
      {
        maxBodyBytes: options.maxBodyBytes,
        staticHandler: options.webRoot ? serveStatic(options.webRoot) : null,
        icsFeeds: serveIcsFeed(sharing, feedCache),
        personalFeeds: servePersonalFeed(sharing, feedCache),
        fetchIcs: { allowPrivate: options.fetchIcsAllowPrivate, timeoutMs: options.fetchIcsTimeoutMs, maxBytes: options.fetchIcsMaxBytes },
      },
    ),
  );
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith(SYNC_PREFIX)) {
      sync.handleUpgrade(req, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    sync.close();
    throw err;
  }

  let lastVersion = store.dataVersion();
  const poll = setInterval(() => {
    try {
      const v = store.dataVersion();
      if (v === lastVersion) return;
      lastVersion = v;
      effects.reconcileExternal();
    } catch (err) {
      log(`Reconciling external changes failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }, options.externalPollMs);
  poll.unref();
  const prune = setInterval(() => store.sessions.pruneExpired(now()), 60 * 60_000);
  prune.unref();
  const purgeTimer = setInterval(purge, 60 * 60_000);
  purgeTimer.unref();
  const flushSyncTimes = () => {
    try {
      syncTimes.flush(rooms.connections);
    } catch (err) {
      log(`Recording sync times failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const syncTimesTimer = setInterval(flushSyncTimes, SYNC_TIMES_FLUSH_MS);
  syncTimesTimer.unref();

  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}`,
    syncUrl: `ws://${shownHost}:${address.port}${SYNC_PREFIX.slice(0, -1)}`,
    port: address.port,
    host: address.address,
    dbPath,
    store,
    sharing,
    rooms,
    auth,
    close: () =>
      (closed ??= (async () => {
        clearInterval(poll);
        clearInterval(prune);
        clearInterval(purgeTimer);
        clearInterval(syncTimesTimer);
        flushSyncTimes();
        sync.closeAll(1001, 'relay-shutdown');
        sync.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        rooms.closeAll();
        store.close();
      })()),
  };
}

