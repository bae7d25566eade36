import type { GroupRow, OrgRow, PersonRow } from './rowSchemas';
import type { SqliteDatabase } from './openDatabase';

/**
 * Directory rows written back with the ids they had (restoring an export): the
 * everyday DirectoryStore always makes new ids, which would break every grant
 * and document that names the old ones.
 */
export class BackupStore {
  constructor(private readonly db: SqliteDatabase) {}

  insertOrg(row: OrgRow): void {
    this.db.prepare('INSERT INTO orgs (id, name, default_level, created_at) VALUES (@id, @name, @default_level, @created_at)').run(row);
  }

  insertPerson(row: PersonRow): void {
    this.db
      .prepare('INSERT INTO people (id, org_id, email, name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.org_id, row.email, row.name, row.password_hash, row.is_admin ? 1 : 0, row.created_at);
  }

  insertGroup(row: GroupRow): void {
    this.db.prepare('INSERT INTO groups (id, org_id, name, created_at) VALUES (@id, @org_id, @name, @created_at)').run(row);
  }
}
