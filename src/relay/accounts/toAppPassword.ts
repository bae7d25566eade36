import type { AppPassword } from '../../shared/protocol/appPasswords';
import type { AppPasswordRow } from '../store/AppPasswordStore';

export function toAppPassword(row: AppPasswordRow): AppPassword {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}
