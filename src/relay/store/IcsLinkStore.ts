import type { IcsLinkLevel } from '../../shared/protocol/icsLinks';
import {
  icsAccessRowSchema,
  icsFeedVersionRowSchema,
  icsLinkRowSchema,
  icsLinkSummaryRowSchema,
  type IcsAccessRow,
  type IcsFeedVersionRow,
  type IcsLinkRow,
  type IcsLinkSummaryRow,
} from './icsLinkRows';
import type { SqliteDatabase } from './openDatabase';
import { parseRow, parseRows } from './rowSchemas';

/**
 * Rows kept of each link's fetches. A feed polled every 15 minutes fills this in
 * about two days; older fetches say nothing the newest ones do not, and an
 * unbounded log would let anyone holding the URL grow the file without limit.
 */
export const ACCESS_LOG_LIMIT = 200;

export type NewIcsLink = Omit<IcsLinkRow, 'revoked_at'>;

/** Published ICS links, their access logs and when each feed last changed. */
export class IcsLinkStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(link: NewIcsLink): void {
    this.db
      .prepare(
        'INSERT INTO ics_links (id, calendar_id, token_hash, token, level, password_hash, expires_at, created_at, created_by, created_by_name, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
      )
      .run(link.id, link.calendar_id, link.token_hash, link.token, link.level, link.password_hash, link.expires_at, link.created_at, link.created_by, link.created_by_name);
  }

  /** Puts back a link as it was kept (a deleted calendar's, on restore), revoked or not. */
  insertRow(link: IcsLinkRow): void {
    this.db
      .prepare(
        'INSERT INTO ics_links (id, calendar_id, token_hash, token, level, password_hash, expires_at, created_at, created_by, created_by_name, revoked_at) VALUES (@id, @calendar_id, @token_hash, @token, @level, @password_hash, @expires_at, @created_at, @created_by, @created_by_name, @revoked_at)',
      )
      .run(link);
  }

  /** A calendar's link rows as stored, without access summaries. */
  rowsOf(calendarId: string): IcsLinkRow[] {
    return parseRows(icsLinkRowSchema, this.db.prepare('SELECT * FROM ics_links WHERE calendar_id = ? ORDER BY created_at, id').all(calendarId), 'ics_links');
  }

  /** Whether a link id or token is in use (by any calendar). */
  taken(id: string, tokenHash: string): boolean {
    return this.db.prepare('SELECT 1 FROM ics_links WHERE id = ? OR token_hash = ?').get(id, tokenHash) !== undefined;
  }

  byTokenHash(hash: string): IcsLinkRow | null {
    const row = this.db.prepare('SELECT * FROM ics_links WHERE token_hash = ?').get(hash);
    return row === undefined ? null : parseRow(icsLinkRowSchema, row, 'ics_links');
  }

  byId(calendarId: string, id: string): IcsLinkSummaryRow | null {
    const row = this.db.prepare(`${SUMMARY} WHERE l.calendar_id = ? AND l.id = ?`).get(calendarId, id);
    return row === undefined ? null : parseRow(icsLinkSummaryRowSchema, row, 'ics_links');
  }

  /** A calendar's links, newest first, with when each was last fetched. */
  forCalendar(calendarId: string): IcsLinkSummaryRow[] {
    return parseRows(icsLinkSummaryRowSchema, this.db.prepare(`${SUMMARY} WHERE l.calendar_id = ? ORDER BY l.created_at DESC, l.id`).all(calendarId), 'ics_links');
  }

  /** Marks a link revoked and forgets its token; false when it already was. */
  revoke(id: string, now: number): boolean {
    return this.db.prepare('UPDATE ics_links SET revoked_at = ?, token = NULL WHERE id = ? AND revoked_at IS NULL').run(now, id).changes > 0;
  }

  /** Logs one fetch and drops the link's entries beyond ACCESS_LOG_LIMIT. */
  logAccess(linkId: string, entry: IcsAccessRow): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO ics_link_access (link_id, at, address, user_agent, status) VALUES (?, ?, ?, ?, ?)').run(linkId, entry.at, entry.address, entry.user_agent, entry.status);
      this.db
        .prepare('DELETE FROM ics_link_access WHERE link_id = ? AND id <= (SELECT id FROM ics_link_access WHERE link_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)')
        .run(linkId, linkId, ACCESS_LOG_LIMIT);
    })();
  }

  /** A link's fetches, newest first. */
  accessLog(linkId: string): IcsAccessRow[] {
    return parseRows(icsAccessRowSchema, this.db.prepare('SELECT at, address, user_agent, status FROM ics_link_access WHERE link_id = ? ORDER BY id DESC').all(linkId), 'ics_link_access');
  }

  feedVersion(calendarId: string, level: IcsLinkLevel): IcsFeedVersionRow | null {
    const row = this.db.prepare('SELECT etag, modified_at FROM ics_feed_versions WHERE calendar_id = ? AND level = ?').get(calendarId, level);
    return row === undefined ? null : parseRow(icsFeedVersionRowSchema, row, 'ics_feed_versions');
  }

  putFeedVersion(calendarId: string, level: IcsLinkLevel, version: IcsFeedVersionRow): void {
    this.db
      .prepare('INSERT INTO ics_feed_versions (calendar_id, level, etag, modified_at) VALUES (?, ?, ?, ?) ON CONFLICT (calendar_id, level) DO UPDATE SET etag = excluded.etag, modified_at = excluded.modified_at')
      .run(calendarId, level, version.etag, version.modified_at);
  }

  /**
   * Id of the newest stored row of a room's state (0 when empty): every accepted
   * change is stored before it is applied, so this moves exactly when the room
   * does, and is read without loading the document.
   */
  roomVersion(room: string): number {
    const r = this.db
      .prepare('SELECT MAX(COALESCE((SELECT MAX(id) FROM room_updates WHERE room = ?), 0), COALESCE((SELECT through_id FROM room_snapshots WHERE room = ?), 0)) AS v')
      .get(room, room) as { v?: unknown } | undefined;
    return typeof r?.v === 'number' ? r.v : 0;
  }
}

const SUMMARY = `SELECT l.*, (SELECT MAX(a.at) FROM ics_link_access a WHERE a.link_id = l.id) AS last_access_at, (SELECT COUNT(*) FROM ics_link_access a WHERE a.link_id = l.id) AS access_count FROM ics_links l`;
