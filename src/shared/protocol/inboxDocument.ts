import type * as Y from 'yjs';
import { z } from 'zod';
import { permissionLevelSchema } from '../permissions/PermissionLevel';
import { calendarAccessSchema, idSchema, type CalendarAccess } from './api';
import { meetingItemSchema, meetingReplySchema } from './meetings';
import { submissionNoticeSchema, submissionQueueSchema } from './teamCalendars';

/**
 * Layout of `inbox/<userId>`, written by the relay only (DESIGN.md, Documents).
 *  - `access`: calendarId -> JSON CalendarAccess, every calendar the person can
 *    reach now (their own included). A device syncs what is here and accepted in
 *    the person's overlay, and drops what leaves.
 *  - `items`: id -> JSON InboxItem, invitations and notices, newest by `at`.
 */
export const invitationSchema = z.object({
  id: idSchema,
  kind: z.literal('invitation'),
  calendarId: idSchema,
  calendarName: z.string(),
  fromId: idSchema,
  fromName: z.string(),
  level: permissionLevelSchema,
  askBack: z.boolean(),
  message: z.string(),
  at: z.number(),
  status: z.enum(['pending', 'accepted', 'declined']),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const NOTICE_KINDS = ['granted', 'level-changed', 'revoked', 'removed', 'stale', 'share-back-requested'] as const;
export const noticeSchema = z.object({
  id: idSchema,
  kind: z.literal('notice'),
  notice: z.enum(NOTICE_KINDS),
  calendarId: idSchema,
  calendarName: z.string(),
  byId: z.string(),
  byName: z.string(),
  level: permissionLevelSchema,
  previousLevel: permissionLevelSchema,
  at: z.number(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const inboxItemSchema = z.discriminatedUnion('kind', [invitationSchema, noticeSchema, meetingItemSchema, meetingReplySchema, submissionNoticeSchema, submissionQueueSchema]);
export type InboxItem = z.infer<typeof inboxItemSchema>;

export function inboxAccessMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>('access');
}

export function inboxItemsMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>('items');
}

function parseJson<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  if (raw === undefined) return null;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function readAccess(doc: Y.Doc): CalendarAccess[] {
  const out: CalendarAccess[] = [];
  inboxAccessMap(doc).forEach((raw) => {
    const a = parseJson(calendarAccessSchema, raw);
    if (a) out.push(a);
  });
  return out;
}

export function readInboxItems(doc: Y.Doc): InboxItem[] {
  const out: InboxItem[] = [];
  inboxItemsMap(doc).forEach((raw) => {
    const item = parseJson(inboxItemSchema, raw);
    if (item) out.push(item);
  });
  return out.sort((a, b) => b.at - a.at);
}
