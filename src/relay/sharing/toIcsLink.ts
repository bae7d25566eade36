import { icsFeedPath, type IcsLink } from '../../shared/protocol/icsLinks';
import type { IcsLinkSummaryRow } from '../store/icsLinkRows';

/** A stored link as the API shows it; the URL only to the owner, and only while it works. */
export function toIcsLink(row: IcsLinkSummaryRow, now: number, forOwner: boolean): IcsLink {
  const status = row.revoked_at !== null ? 'revoked' : row.expires_at !== null && row.expires_at <= now ? 'expired' : 'active';
  return {
    id: row.id,
    calendarId: row.calendar_id,
    level: row.level,
    hasPassword: row.password_hash !== null,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    revokedAt: row.revoked_at,
    status,
    lastAccessAt: row.last_access_at,
    accessCount: row.access_count,
    path: forOwner && status !== 'revoked' && row.token !== null ? icsFeedPath(row.token) : null,
  };
}
