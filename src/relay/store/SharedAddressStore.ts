import { z } from 'zod';
import type { SqliteDatabase } from './openDatabase';
import { parseRow, parseRows } from './rowSchemas';

export const sharedAddressRowSchema = z.object({ person_id: z.string(), org_id: z.string(), calendar_id: z.string(), created_at: z.number().int() });
export type SharedAddressRow = z.infer<typeof sharedAddressRowSchema>;

/**
 * Shared addresses (sales@): a person row that cannot sign in, marked here,
 * with its calendar, its members and its aliases.
 */
export class SharedAddressStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(row: SharedAddressRow): void {
    this.db.prepare('INSERT INTO shared_addresses (person_id, org_id, calendar_id, created_at) VALUES (?, ?, ?, ?)').run(row.person_id, row.org_id, row.calendar_id, row.created_at);
  }

  get(personId: string): SharedAddressRow | null {
    const row = this.db.prepare('SELECT * FROM shared_addresses WHERE person_id = ?').get(personId);
    return row === undefined ? null : parseRow(sharedAddressRowSchema, row, 'shared_addresses');
  }

  ofOrg(orgId: string): SharedAddressRow[] {
    return parseRows(sharedAddressRowSchema, this.db.prepare('SELECT * FROM shared_addresses WHERE org_id = ? ORDER BY created_at, person_id').all(orgId), 'shared_addresses');
  }

  isSharedAddress(personId: string): boolean {
    return this.db.prepare('SELECT 1 FROM shared_addresses WHERE person_id = ?').get(personId) !== undefined;
  }

  addMember(personId: string, userId: string): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO shared_address_members (person_id, user_id) VALUES (?, ?)').run(personId, userId).changes > 0;
  }

  removeMember(personId: string, userId: string): boolean {
    return this.db.prepare('DELETE FROM shared_address_members WHERE person_id = ? AND user_id = ?').run(personId, userId).changes > 0;
  }

  members(personId: string): string[] {
    return parseRows(z.object({ user_id: z.string() }), this.db.prepare('SELECT user_id FROM shared_address_members WHERE person_id = ? ORDER BY user_id').all(personId), 'shared_address_members').map((r) => r.user_id);
  }

  addressesOfMember(userId: string): string[] {
    return parseRows(z.object({ person_id: z.string() }), this.db.prepare('SELECT person_id FROM shared_address_members WHERE user_id = ?').all(userId), 'shared_address_members').map((r) => r.person_id);
  }

  addAlias(personId: string, alias: string): void {
    this.db.prepare('INSERT INTO shared_address_aliases (alias, person_id) VALUES (?, ?)').run(alias, personId);
  }

  removeAlias(personId: string, alias: string): boolean {
    return this.db.prepare('DELETE FROM shared_address_aliases WHERE alias = ? AND person_id = ?').run(alias, personId).changes > 0;
  }

  aliases(personId: string): string[] {
    return parseRows(z.object({ alias: z.string() }), this.db.prepare('SELECT alias FROM shared_address_aliases WHERE person_id = ? ORDER BY alias').all(personId), 'shared_address_aliases').map((r) => r.alias);
  }

  /** The shared address an alias belongs to (aliases are stored lower-case). */
  byAlias(alias: string): string | null {
    const row = this.db.prepare('SELECT person_id FROM shared_address_aliases WHERE alias = ?').get(alias.trim().toLowerCase());
    return row === undefined ? null : parseRow(z.object({ person_id: z.string() }), row, 'shared_address_aliases').person_id;
  }
}
