import { z } from 'zod';
import { meetingResponseSchema } from '../../shared/protocol/meetings';
import type { SqliteDatabase } from '../store/openDatabase';
import { parseRow, parseRows } from '../store/rowSchemas';

export const meetingItemRowSchema = z.object({
  item_id: z.string(),
  calendar_id: z.string(),
  event_key: z.string(),
  for_id: z.string(),
  /** JSON of the request as last delivered (without status, answer, cancel message). */
  content: z.string(),
  version: z.number().int().min(1),
  /** The version that last changed the time: answers to an earlier one are void. */
  when_version: z.number().int().min(1),
  canceled: z.number().int().transform((n) => n !== 0),
  cancel_message: z.string(),
  response: meetingResponseSchema.nullable(),
  comment: z.string(),
  answered_by: z.string().nullable(),
  answered_at: z.number().int().nullable(),
  copy_calendar_id: z.string().nullable(),
  at: z.number().int(),
});
export type MeetingItemRow = z.infer<typeof meetingItemRowSchema>;

const idRow = z.object({ id: z.string() });

/** The relay's record of meeting requests it delivered and the answers it applied (migration "Meetings"). */
export class MeetingStore {
  constructor(private readonly db: SqliteDatabase) {}

  itemsOf(calendarId: string, eventKey: string): MeetingItemRow[] {
    return parseRows(meetingItemRowSchema, this.db.prepare('SELECT * FROM meeting_items WHERE calendar_id = ? AND event_key = ? ORDER BY item_id').all(calendarId, eventKey), 'meeting_items');
  }

  item(itemId: string): MeetingItemRow | null {
    const row = this.db.prepare('SELECT * FROM meeting_items WHERE item_id = ?').get(itemId);
    return row === undefined ? null : parseRow(meetingItemRowSchema, row, 'meeting_items');
  }

  putItem(row: MeetingItemRow): void {
    this.db
      .prepare(
        `INSERT INTO meeting_items (item_id, calendar_id, event_key, for_id, content, version, when_version, canceled, cancel_message, response, comment, answered_by, answered_at, copy_calendar_id, at)
         VALUES (@item_id, @calendar_id, @event_key, @for_id, @content, @version, @when_version, @canceled, @cancel_message, @response, @comment, @answered_by, @answered_at, @copy_calendar_id, @at)
         ON CONFLICT(item_id) DO UPDATE SET content = excluded.content, version = excluded.version, when_version = excluded.when_version, canceled = excluded.canceled, cancel_message = excluded.cancel_message,
           response = excluded.response, comment = excluded.comment, answered_by = excluded.answered_by, answered_at = excluded.answered_at, copy_calendar_id = excluded.copy_calendar_id`,
      )
      .run({ ...row, canceled: row.canceled ? 1 : 0 });
  }

  recipients(itemId: string): string[] {
    return parseRows(idRow, this.db.prepare('SELECT recipient_id AS id FROM meeting_recipients WHERE item_id = ? ORDER BY recipient_id').all(itemId), 'meeting_recipients').map((r) => r.id);
  }

  isRecipient(itemId: string, userId: string): boolean {
    return this.db.prepare('SELECT 1 FROM meeting_recipients WHERE item_id = ? AND recipient_id = ?').get(itemId, userId) !== undefined;
  }

  setRecipients(itemId: string, userIds: readonly string[]): void {
    this.db.prepare('DELETE FROM meeting_recipients WHERE item_id = ?').run(itemId);
    const insert = this.db.prepare('INSERT OR IGNORE INTO meeting_recipients (item_id, recipient_id) VALUES (?, ?)');
    for (const id of userIds) insert.run(itemId, id);
  }

  /**
   * People with a direct delegate grant on any calendar `ownerId` owns: they
   * receive the owner's meeting requests. A private meeting's request goes only
   * to delegates allowed to see the owner's private items, as in Outlook.
   */
  delegatesOf(ownerId: string, options: { privateItem?: boolean } = {}): string[] {
    const seesPrivate = options.privateItem ? ' AND g.sees_private = 1' : '';
    return parseRows(
      idRow,
      this.db
        .prepare(`SELECT DISTINCT g.subject_id AS id FROM grants g JOIN calendars c ON c.id = g.calendar_id WHERE c.owner_id = ? AND g.subject_kind = 'user' AND g.level = 'delegate'${seesPrivate} ORDER BY g.subject_id`)
        .all(ownerId),
      'grants',
    ).map((r) => r.id);
  }

  /** The calendar accepted meetings go into: the person's first own calendar. */
  firstOwnCalendar(userId: string): string | null {
    const row = this.db.prepare('SELECT id FROM calendars WHERE owner_id = ? ORDER BY created_at, id LIMIT 1').get(userId);
    return row === undefined ? null : parseRow(idRow, row, 'calendars').id;
  }
}
