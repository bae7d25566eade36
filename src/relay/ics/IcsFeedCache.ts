import { createHash } from 'node:crypto';
import type { IcsLinkLevel } from '../../shared/protocol/icsLinks';
import type { CalendarRow } from '../store/rowSchemas';
import type { Store } from '../store/Store';
import type { RoomHost } from '../sync/RoomHost';
import { feedEvents } from './feedEvents';
import { renderFeedBody } from './renderFeedBody';

export interface FeedBody {
  /** Strong validator of the content (quoted). */
  etag: string;
  /** Epoch ms the content last changed, as far as the relay has served it. */
  modifiedAt: number;
  body: Buffer;
}

interface Entry extends FeedBody {
  version: number;
  name: string;
}

/** Bumped when the feed's rendering changes, so old validators stop matching. */
const FEED_FORMAT = 1;

/**
 * Feed bodies by calendar and level, rebuilt from the live `full` document
 * whenever the room moved on (so a change reaches the feed at once) and reused
 * while it has not (so a poll costs one indexed SQL read, not a document load).
 * The ETag hashes the projected events, not the rendered text, so it is the
 * same across restarts; the text's DTSTAMP is the time of that content.
 */
export class IcsFeedCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    private readonly rooms: RoomHost,
    private readonly now: () => number,
    private readonly limit = 32,
  ) {}

  get(calendar: CalendarRow, level: IcsLinkLevel): FeedBody {
    const key = `${calendar.id}|${level}`;
    const version = this.store.icsLinks.roomVersion(`cal/${calendar.id}/full`);
    const hit = this.entries.get(key);
    if (hit && hit.version === version && hit.name === calendar.name) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const doc = this.rooms.open({ kind: 'calendar', calendarId: calendar.id, doc: 'full' }).doc;
    const events = feedEvents(doc, level);
    const etag = `"${createHash('sha256').update(JSON.stringify([FEED_FORMAT, calendar.name, level, events])).digest('base64url').slice(0, 32)}"`;
    const stored = this.store.icsLinks.feedVersion(calendar.id, level);
    let modifiedAt = stored?.modified_at ?? 0;
    if (!stored || stored.etag !== etag) {
      // Last-Modified has whole seconds: a change within the second of the
      // previous one must still read as newer to an If-Modified-Since poller.
      modifiedAt = Math.max(this.now(), stored ? (Math.floor(stored.modified_at / 1000) + 1) * 1000 : 0);
      this.store.icsLinks.putFeedVersion(calendar.id, level, { etag, modified_at: modifiedAt });
    }
    const body = hit?.etag === etag && hit.modifiedAt === modifiedAt ? hit.body : Buffer.from(renderFeedBody(calendar.name, events, modifiedAt), 'utf8');
    const entry: Entry = { etag, modifiedAt, body, version, name: calendar.name };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
