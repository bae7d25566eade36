import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * 'normal' (default) survives a killed process (WAL pages are in the OS's cache
   * when the commit returns); 'full' also survives a power cut at the cost of an
   * fsync per write. Yjs clients resend whatever the relay lacks on reconnect, so
   * the few milliseconds a power cut could lose come back from the devices.
   */
  synchronous?: 'normal' | 'full';
}

/** The data file inside a data directory. */
export function databasePath(dataDir: string): string {
  return path.join(dataDir, 'tessera.sqlite');
}

/** Opens (creating if needed) the relay's SQLite file and brings its schema up to date. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  // The admin CLI writes to the same file while the relay runs.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: SqliteDatabase): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (!Number.isInteger(current) || current < 0) throw new Error(`Unreadable schema version: ${String(current)}`);
  if (current > MIGRATIONS.length) {
    throw new Error(`This data file has schema version ${current}, newer than this relay understands (${MIGRATIONS.length}). Run a newer relay.`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
