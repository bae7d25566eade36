import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ICS_PASSWORD_MAX, ICS_TOKEN_PATTERN } from '../../shared/protocol/icsLinks';
import { verifyPassword } from '../auth/hashPassword';
import { hashFeedToken } from '../ics/hashFeedToken';
import type { IcsFeedCache } from '../ics/IcsFeedCache';
import type { SharingContext } from '../sharing/SharingContext';
import type { IcsLinkRow } from '../store/icsLinkRows';
import { TokenBucket } from '../sync/TokenBucket';

export interface IcsFeedOptions {
  /** Wrong passwords an address may try at once, then one per `refillMs`. */
  passwordBurst: number;
  refillMs: number;
}

export const DEFAULT_ICS_FEED_OPTIONS: IcsFeedOptions = { passwordBurst: 10, refillMs: 30_000 };

const FEED_PATH = /^\/ics\/([^/]{1,100})\.ics$/;
const BASIC = /^Basic\s+([A-Za-z0-9+/]{1,2048}={0,2})\s*$/i;
const MAX_TRACKED_ADDRESSES = 10_000;
const MAX_REMEMBERED_PASSWORDS = 1_000;
const USER_AGENT_MAX = 256;

const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/**
 * GET and HEAD of `/ics/<token>.ics`: a published calendar at its link's level,
 * built from the current `full` room (IcsFeedCache). An unknown token is 404
 * and names no calendar; a revoked or expired link is 410; a link with a
 * password wants HTTP Basic (any user name). Every fetch of a known link is
 * written to its access log, with the status it got.
 */
export function serveIcsFeed(ctx: SharingContext, feeds: IcsFeedCache, options: IcsFeedOptions = DEFAULT_ICS_FEED_OPTIONS): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  // Only addresses that got a password wrong have a bucket; a right password clears it,
  // so many subscribers behind one address polling with the right password are never slowed.
  const failures = new Map<string, TokenBucket>();
  // Passwords already checked, as keyed MACs, so a poll every few minutes does not cost an scrypt each time.
  const macKey = randomBytes(32);
  const verified = new Set<string>();

  const text = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, head = false) => {
    const body = Buffer.from(`${message}\n`, 'utf8');
    res.writeHead(status, { ...COMMON, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...headers });
    res.end(head ? undefined : body);
  };

  const checkPassword = async (link: IcsLinkRow, header: string | undefined): Promise<boolean> => {
    const m = BASIC.exec(header ?? '');
    if (!m || link.password_hash === null) return false;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = colon < 0 ? decoded : decoded.slice(colon + 1);
    if (password.length === 0 || password.length > ICS_PASSWORD_MAX) return false;
    const mac = createHmac('sha256', macKey).update(link.id).update('\0').update(password).digest('base64url');
    if (verified.has(mac)) return true;
    if (!(await verifyPassword(password, link.password_hash))) return false;
    if (verified.size >= MAX_REMEMBERED_PASSWORDS) verified.clear();
    verified.add(mac);
    return true;
  };

  return async (req, res, pathname) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      text(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const m = FEED_PATH.exec(pathname);
    const token = m?.[1];
    const link = token && ICS_TOKEN_PATTERN.test(token) ? ctx.store.icsLinks.byTokenHash(hashFeedToken(token)) : null;
    const calendar = link ? ctx.store.sharing.calendar(link.calendar_id) : null;
    if (!link || !calendar) {
      text(res, 404, 'No such calendar', {}, head);
      return;
    }
    const address = req.socket.remoteAddress ?? '';
    const log = (status: number) =>
      ctx.store.icsLinks.logAccess(link.id, { at: ctx.now(), address, user_agent: (req.headers['user-agent'] ?? '').slice(0, USER_AGENT_MAX), status });

    const now = ctx.now();
    if (link.revoked_at !== null || (link.expires_at !== null && link.expires_at <= now)) {
      log(410);
      text(res, 410, link.revoked_at !== null ? 'This calendar link was revoked' : 'This calendar link has expired', {}, head);
      return;
    }
    if (link.password_hash !== null) {
      const attempt = req.headers.authorization;
      if (attempt === undefined) {
        log(401);
        text(res, 401, 'This calendar needs a password', { 'WWW-Authenticate': 'Basic realm="Tessera calendar", charset="UTF-8"' }, head);
        return;
      }
      const bucket = failures.get(address);
      if (bucket && !bucket.take(1, now)) {
        log(429);
        text(res, 429, 'Too many wrong passwords; try again later', { 'Retry-After': String(Math.ceil(options.refillMs / 1000)) }, head);
        return;
      }
      if (!(await checkPassword(link, attempt))) {
        if (!bucket) {
          if (failures.size >= MAX_TRACKED_ADDRESSES) failures.delete(failures.keys().next().value!);
          const fresh = new TokenBucket(options.passwordBurst, 1000 / options.refillMs, now);
          fresh.take(1, now);
          failures.set(address, fresh);
        }
        log(401);
        text(res, 401, 'Wrong password', { 'WWW-Authenticate': 'Basic realm="Tessera calendar", charset="UTF-8"' }, head);
        return;
      }
      failures.delete(address);
    }

    // The link may have been revoked (or the calendar deleted) while the password was checked.
    const current = ctx.store.icsLinks.byTokenHash(link.token_hash);
    const currentCalendar = ctx.store.sharing.calendar(link.calendar_id);
    if (!current || !currentCalendar) {
      // Deleted (into the trash) meanwhile: the link row went with it, so nothing to log, and like any unknown token it names nothing.
      text(res, 404, 'No such calendar', {}, head);
      return;
    }
    if (current.revoked_at !== null) {
      log(410);
      text(res, 410, 'This calendar link was revoked', {}, head);
      return;
    }

    const feed = feeds.get(currentCalendar, link.level);
    const headers = {
      ...COMMON,
      ETag: feed.etag,
      'Last-Modified': new Date(feed.modifiedAt).toUTCString(),
      // Subscribers revalidate on every poll; a password-protected feed must stay out of shared caches.
      'Cache-Control': link.password_hash !== null ? 'private, no-cache' : 'no-cache',
    };
    if (notModified(req, feed.etag, feed.modifiedAt)) {
      log(304);
      res.writeHead(304, headers).end();
      return;
    }
    log(200);
    res.writeHead(200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Length': feed.body.length });
    res.end(head ? undefined : feed.body);
  };
}

/** RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
function notModified(req: IncomingMessage, etag: string, modifiedAt: number): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.length > 4096) return false;
    const bare = etag.replace(/^W\//, '');
    return inm
      .split(',')
      .map((t) => t.trim())
      .some((t) => t === '*' || t.replace(/^W\//, '') === bare);
  }
  const ims = req.headers['if-modified-since'];
  if (ims === undefined || ims.length > 100) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Math.floor(modifiedAt / 1000) * 1000 <= since;
}
