import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SCRYPT_COST } from './auth/hashPassword';
import { databasePath } from './store/openDatabase';

const ms = z.number().int().min(1);
const bytes = z.number().int().min(1024);

/** Everything startRelay accepts; every field has a default, so `startRelay({})` runs a relay. */
export const relayOptionsSchema = z
  .object({
    /** Directory of the SQLite file (created if missing); default ./tessera-data. */
    dataDir: z.string().min(1).optional(),
    /** The SQLite file itself, instead of dataDir. */
    dbPath: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65_535).default(8787),
    host: z.string().min(1).default('127.0.0.1'),
    /** A directory of static files (the built web app) served for every other path. */
    webRoot: z.string().min(1).nullable().default(null),
    accessTtlMs: ms.default(15 * 60_000),
    refreshTtlMs: ms.default(30 * 24 * 60 * 60_000),
    /** A room's document leaves memory this long after its last socket. */
    roomIdleMs: ms.default(15_000),
    compactRows: z.number().int().min(2).default(500),
    compactBytes: bytes.default(4 * 1024 * 1024),
    /** Largest websocket frame (4413 above it). A new device's first sync of a big calendar is one frame. */
    maxPayload: bytes.default(32 * 1024 * 1024),
    maxBodyBytes: bytes.default(256 * 1024),
    messagesPerSecond: z.number().positive().default(100),
    messageBurst: z.number().positive().default(400),
    bytesPerSecond: z.number().positive().default(8 * 1024 * 1024),
    byteBurst: z.number().positive().default(64 * 1024 * 1024),
    /** Bytes queued to a socket above which its reader is too slow (4429). */
    sendBufferLimit: bytes.default(32 * 1024 * 1024),
    pingMs: ms.default(30_000),
    /** How often to look for commits by another process (the admin CLI). */
    externalPollMs: ms.default(1_000),
    passwordCost: z.number().int().min(2).default(DEFAULT_SCRYPT_COST),
    synchronous: z.enum(['normal', 'full']).default('normal'),
    signInAttempts: z.number().int().min(1).default(10),
    signInWindowMs: ms.default(5 * 60_000),
    /** GET /api/fetch-ics may fetch loopback and private addresses: for tests only (SSRF). */
    fetchIcsAllowPrivate: z.boolean().default(false),
    fetchIcsTimeoutMs: ms.default(30_000),
    fetchIcsMaxBytes: bytes.default(20 * 1024 * 1024),
  })
  .strict();

export type RelayOptionsInput = z.input<typeof relayOptionsSchema>;
export type RelayOptions = z.output<typeof relayOptionsSchema>;

export const DEFAULT_DATA_DIR = 'tessera-data';

/** The SQLite file the options name. */
export function resolveDbPath(options: { dataDir?: string; dbPath?: string }): string {
  return options.dbPath ?? databasePath(path.resolve(options.dataDir ?? DEFAULT_DATA_DIR));
}
