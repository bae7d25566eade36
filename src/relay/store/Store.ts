import { ArchiveStore } from './ArchiveStore';
import { AppPasswordStore } from './AppPasswordStore';
import { AuditStore } from './AuditStore';
import { BackupStore } from './BackupStore';
import { DirectoryStore } from './DirectoryStore';
import { IcsLinkStore } from './IcsLinkStore';
import { ProfileStore } from './ProfileStore';
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './openDatabase';
import { RoomStore } from './RoomStore';
import { SessionStore } from './SessionStore';
import { SharingStore } from './SharingStore';
import { TeamStore } from './TeamStore';
import { RemovedPeopleStore } from './RemovedPeopleStore';
import { SharedAddressStore } from './SharedAddressStore';
import { TrashStore } from './TrashStore';

/** The relay's one SQLite file, by concern. All calls are synchronous and each write is committed when it returns. */
export class Store {
  readonly directory: DirectoryStore;
  readonly sharing: SharingStore;
  readonly sessions: SessionStore;
  readonly rooms: RoomStore;
  readonly audit: AuditStore;
  readonly profiles: ProfileStore;
  readonly icsLinks: IcsLinkStore;
  readonly teams: TeamStore;
  readonly appPasswords: AppPasswordStore;
  readonly removedPeople: RemovedPeopleStore;
  readonly sharedAddresses: SharedAddressStore;
  readonly archive: ArchiveStore;
  readonly trash: TrashStore;
  readonly backup: BackupStore;

  constructor(readonly db: SqliteDatabase) {
    this.directory = new DirectoryStore(db);
    this.sharing = new SharingStore(db);
    this.sessions = new SessionStore(db);
    this.rooms = new RoomStore(db);
    this.audit = new AuditStore(db);
    this.profiles = new ProfileStore(db);
    this.icsLinks = new IcsLinkStore(db);
    this.teams = new TeamStore(db);
    this.appPasswords = new AppPasswordStore(db);
    this.removedPeople = new RemovedPeopleStore(db);
    this.sharedAddresses = new SharedAddressStore(db);
    this.archive = new ArchiveStore(db);
    this.trash = new TrashStore(db);
    this.backup = new BackupStore(db);
  }

  /** Runs `fn` in one immediate transaction: all of it is committed, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Changes whenever another connection (the admin CLI) commits to the file. */
  dataVersion(): number {
    return Number(this.db.pragma('data_version', { simple: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(file: string, options: OpenDatabaseOptions = {}): Store {
  return new Store(openDatabase(file, options));
}
