import { metaMap } from '../../shared/model/eventDocument';
import { CLOSE } from '../../shared/protocol/closeCodes';
import type { AccessReader } from '../access/AccessReader';
import { decideRoom } from '../access/decideRoom';
import type { AuthService } from '../auth/AuthService';
import { SYSTEM_CAUSE, type AccessCause } from '../inbox/AccessCause';
import { refreshInbox } from '../inbox/refreshInbox';
import type { AccessEffects } from '../sharing/AccessEffects';
import type { Store } from '../store/Store';
import type { RoomHost } from './RoomHost';
import type { SyncServer } from './SyncServer';

/**
 * The running relay's side of a change of access, done in the same step as the
 * change: each affected person's inbox is brought up to date (stored, then sent
 * to their open devices), then each of their open sockets is re-checked: a room
 * no longer allowed closes (4403 level-changed, 4404 for a deleted calendar or
 * an old epoch), a writer who became a reader (or back) switches mode in place.
 */
export class LiveEffects implements AccessEffects {
  sync: SyncServer | null = null;

  constructor(
    private readonly store: Store,
    private readonly reader: AccessReader,
    private readonly auth: AuthService,
    private readonly host: RoomHost,
    private readonly now: () => number,
    private readonly log: (message: string) => void,
  ) {}

  accessChanged(userIds: Iterable<string>, cause: AccessCause): void {
    for (const id of new Set(userIds)) this.refreshPerson(id, cause);
  }

  calendarDeleted(calendarId: string): void {
    this.host.dropCalendar(calendarId, CLOSE.notFound, 'calendar-deleted');
  }

  calendarRenamed(calendarId: string, name: string): void {
    const room = this.host.open({ kind: 'calendar', calendarId, doc: 'full' });
    if (metaMap(room.doc).get('name') !== name) this.host.writeServer(room, (doc) => metaMap(doc).set('name', name));
  }

  projectionsRebuilt(calendarId: string): void {
    this.host.swapProjections(calendarId);
  }

  sessionEnded(sessionId: string): void {
    this.sync?.closeSession(sessionId);
  }

  ownershipLost(calendarId: string, userId: string): void {
    for (const conn of this.host.connectionsOf(userId)) {
      if (conn.roomName.kind === 'calendar' && conn.roomName.calendarId === calendarId) conn.close(CLOSE.forbidden, 'owner-changed');
    }
  }

  /**
   * After another process (the admin CLI) committed to the data file: epochs,
   * deleted calendars and the access of everyone connected are re-read.
   */
  reconcileExternal(): void {
    for (const calendarId of this.host.loadedCalendarIds()) {
      if (!this.store.sharing.calendar(calendarId)) this.calendarDeleted(calendarId);
      else this.host.swapProjections(calendarId);
    }
    const people = new Set(this.host.connectedUserIds());
    for (const room of this.host.loadedRooms()) if (room.kind === 'inbox') people.add(room.key.slice('inbox/'.length));
    for (const id of people) this.refreshPerson(id, SYSTEM_CAUSE);
  }

  /** Re-checks one person's sockets against the store (also used after sign-out). */
  recheckConnections(userId: string): void {
    const person = this.store.directory.person(userId);
    for (const conn of this.host.connectionsOf(userId)) {
      if (!person || !this.auth.sessionActive(conn.sessionId)) {
        conn.close(CLOSE.unauthorized, 'signed-out');
        continue;
      }
      const decision = decideRoom(this.store, this.reader, person, conn.roomName);
      if (!decision.ok) conn.close(decision.code, decision.code === CLOSE.forbidden ? 'level-changed' : decision.reason);
      else conn.mode = this.auth.sessionReadOnly(conn.sessionId) ? 'read' : decision.mode;
    }
  }

  private refreshPerson(userId: string, cause: AccessCause): void {
    const person = this.store.directory.person(userId);
    if (person) {
      try {
        refreshInbox({ store: this.store, reader: this.reader, host: this.host, now: this.now }, person, cause);
      } catch (err) {
        // The sockets are still re-checked: access must never outlive a revoke.
        this.log(`Could not update the inbox of ${userId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.recheckConnections(userId);
  }
}
