import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import { newId } from './newId';
import type { SqliteDatabase } from './openDatabase';
import { groupRowSchema, membershipRowSchema, orgRowSchema, parseRow, parseRows, personRowSchema, type GroupRow, type OrgRow, type PersonRow } from './rowSchemas';

/** Organisations, people, groups (departments) and memberships. */
export class DirectoryStore {
  constructor(private readonly db: SqliteDatabase) {}

  createOrg(name: string, defaultLevel: PermissionLevel, now: number): OrgRow {
    const row: OrgRow = { id: newId(), name, default_level: defaultLevel, created_at: now };
    this.db.prepare('INSERT INTO orgs (id, name, default_level, created_at) VALUES (@id, @name, @default_level, @created_at)').run(row);
    return row;
  }

  org(id: string): OrgRow | null {
    const row = this.db.prepare('SELECT * FROM orgs WHERE id = ?').get(id);
    return row === undefined ? null : parseRow(orgRowSchema, row, 'orgs');
  }

  orgByName(name: string): OrgRow | null {
    const row = this.db.prepare('SELECT * FROM orgs WHERE name = ?').get(name);
    return row === undefined ? null : parseRow(orgRowSchema, row, 'orgs');
  }

  orgs(): OrgRow[] {
    return parseRows(orgRowSchema, this.db.prepare('SELECT * FROM orgs ORDER BY created_at, id').all(), 'orgs');
  }

  setOrgDefault(orgId: string, level: PermissionLevel): void {
    this.db.prepare('UPDATE orgs SET default_level = ? WHERE id = ?').run(level, orgId);
  }

  createPerson(p: { orgId: string; email: string; name: string; passwordHash: string; isAdmin: boolean }, now: number): PersonRow {
    const row: PersonRow = { id: newId(), org_id: p.orgId, email: p.email, name: p.name, password_hash: p.passwordHash, is_admin: p.isAdmin, created_at: now };
    this.db
      .prepare('INSERT INTO people (id, org_id, email, name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.org_id, row.email, row.name, row.password_hash, row.is_admin ? 1 : 0, row.created_at);
    return row;
  }

  person(id: string): PersonRow | null {
    const row = this.db.prepare('SELECT * FROM people WHERE id = ?').get(id);
    return row === undefined ? null : parseRow(personRowSchema, row, 'people');
  }

  personByEmail(email: string): PersonRow | null {
    const row = this.db.prepare('SELECT * FROM people WHERE email = ?').get(email.trim().toLowerCase());
    return row === undefined ? null : parseRow(personRowSchema, row, 'people');
  }

  peopleOfOrg(orgId: string): PersonRow[] {
    return parseRows(personRowSchema, this.db.prepare('SELECT * FROM people WHERE org_id = ? ORDER BY name, id').all(orgId), 'people');
  }

  allPeople(): PersonRow[] {
    return parseRows(personRowSchema, this.db.prepare('SELECT * FROM people ORDER BY org_id, name, id').all(), 'people');
  }

  createGroup(orgId: string, name: string, now: number): GroupRow {
    const row: GroupRow = { id: newId(), org_id: orgId, name, created_at: now };
    this.db.prepare('INSERT INTO groups (id, org_id, name, created_at) VALUES (@id, @org_id, @name, @created_at)').run(row);
    return row;
  }

  group(id: string): GroupRow | null {
    const row = this.db.prepare('SELECT * FROM groups WHERE id = ?').get(id);
    return row === undefined ? null : parseRow(groupRowSchema, row, 'groups');
  }

  groupByName(orgId: string, name: string): GroupRow | null {
    const row = this.db.prepare('SELECT * FROM groups WHERE org_id = ? AND name = ?').get(orgId, name);
    return row === undefined ? null : parseRow(groupRowSchema, row, 'groups');
  }

  groupsOfOrg(orgId: string): GroupRow[] {
    return parseRows(groupRowSchema, this.db.prepare('SELECT * FROM groups WHERE org_id = ? ORDER BY name, id').all(orgId), 'groups');
  }

  /** Returns false when the person already was a member. */
  addMember(groupId: string, userId: string): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO memberships (group_id, user_id) VALUES (?, ?)').run(groupId, userId).changes > 0;
  }

  /** Returns false when the person was not a member. */
  removeMember(groupId: string, userId: string): boolean {
    return this.db.prepare('DELETE FROM memberships WHERE group_id = ? AND user_id = ?').run(groupId, userId).changes > 0;
  }

  groupIdsOf(userId: string): string[] {
    return parseRows(membershipRowSchema, this.db.prepare('SELECT group_id, user_id FROM memberships WHERE user_id = ?').all(userId), 'memberships').map((m) => m.group_id);
  }

  membersOf(groupId: string): string[] {
    return parseRows(membershipRowSchema, this.db.prepare('SELECT group_id, user_id FROM memberships WHERE group_id = ?').all(groupId), 'memberships').map((m) => m.user_id);
  }

  /** Every membership in an organisation, for building the directory in one query. */
  membershipsOfOrg(orgId: string): { group_id: string; user_id: string }[] {
    return parseRows(
      membershipRowSchema,
      this.db.prepare('SELECT m.group_id, m.user_id FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.org_id = ?').all(orgId),
      'memberships',
    );
  }
}
