import { Dexie, type Table } from 'dexie';

interface SessionRow {
  profile: string;
  session: string;
}

class SessionDb extends Dexie {
  sessions!: Table<SessionRow, string>;

  constructor() {
    super('tessera-sessions');
    this.version(1).stores({ sessions: 'profile' });
  }
}

let db: SessionDb | null = null;

/**
 * The web client's place for relay sessions: IndexedDB, beside (not inside) the
 * profile's replica database, so deleting calendars never touches sign-in. A
 * browser has no keychain; the origin's storage is what protects it.
 */
export async function loadSessionIdb(profile: string): Promise<string | null> {
  try {
    db ??= new SessionDb();
    const row = await db.sessions.get(profile);
    return typeof row?.session === 'string' ? row.session : null;
  } catch (err) {
    console.warn('Could not read the stored session:', err);
    return null;
  }
}

export async function saveSessionIdb(profile: string, session: string | null): Promise<boolean> {
  try {
    db ??= new SessionDb();
    if (session === null) await db.sessions.delete(profile);
    else await db.sessions.put({ profile, session });
    return true;
  } catch (err) {
    console.warn('Could not store the session:', err);
    return false;
  }
}
