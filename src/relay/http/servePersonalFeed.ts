import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PermissionLevel } from '../../shared/permissions/PermissionLevel';
import type { IcsLinkLevel } from '../../shared/protocol/icsLinks';
import { ID_PATTERN } from '../../shared/protocol/roomName';
import { AppPasswordChecker } from '../accounts/AppPasswordChecker';
import { FailureLimiter } from '../accounts/FailureLimiter';
import type { IcsFeedCache } from '../ics/IcsFeedCache';
import type { SharingContext } from '../sharing/SharingContext';

export const PERSONAL_FEED_PREFIX = '/ics/me/';
const PATH = /^\/ics\/me\/([^/]{1,100})\.ics$/;
const BASIC = /^Basic\s+([A-Za-z0-9+/]{1,2048}={0,2})\s*$/i;
const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="Tessera (app password)", charset="UTF-8"' };
const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/** The feed level for a person's own level: the same projections as published links, never more than reviewer. */
export function feedLevelFor(level: PermissionLevel): IcsLinkLevel | null {
  if (level === 'none') return null;
  if (level === 'availability' || level === 'limited') return level;
  return 'reviewer';
}

/**
 * GET/HEAD /ics/me/<calendarId>.ics with HTTP Basic (email + app password): any
 * calendar the person reaches, at their level (IcsFeedCache, feedEvents). The
 * account password is refused; a calendar they do not reach is 404, like an
 * unknown one. Checked on every request, so revoking works at the next poll.
 */
export function servePersonalFeed(ctx: SharingContext, feeds: IcsFeedCache): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  const checker = AppPasswordChecker.for(ctx.store);
  const limiter = new FailureLimiter();
  const text = (res: ServerResponse, status: number, message: string, head: boolean, headers: Record<string, string> = {}) => {
    const body = Buffer.from(`${message}\n`, 'utf8');
    res.writeHead(status, { ...COMMON, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...headers });
    res.end(head ? undefined : body);
  };
  return async (req, res, pathname) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      text(res, 405, 'Method not allowed', head, { Allow: 'GET, HEAD' });
      return;
    }
    const calendarId = PATH.exec(pathname)?.[1];
    if (!calendarId || !ID_PATTERN.test(calendarId)) {
      text(res, 404, 'No such calendar', head);
      return;
    }
    const m = BASIC.exec(req.headers.authorization ?? '');
    if (!m) {
      text(res, 401, 'Sign in with your email and an app password', head, CHALLENGE);
      return;
    }
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      text(res, 401, 'Sign in with your email and an app password', head, CHALLENGE);
      return;
    }
    const address = req.socket.remoteAddress ?? '';
    const now = ctx.now();
    if (!limiter.attempt(address, now)) {
      text(res, 429, 'Too many wrong app passwords; try again later', head, { 'Retry-After': String(limiter.retryAfterSeconds) });
      return;
    }
    const match = await checker.check(decoded.slice(0, colon), decoded.slice(colon + 1));
    if (!match) {
      limiter.failed(address, now);
      text(res, 401, 'Wrong email or app password (the account password is not accepted here)', head, CHALLENGE);
      return;
    }
    limiter.succeeded(address);
    ctx.store.appPasswords.touch(match.appPassword.id, ctx.now());
    const calendar = ctx.store.sharing.calendar(calendarId);
    const level = calendar ? feedLevelFor(ctx.reader.reach(match.person, calendar).level) : null;
    if (!calendar || !level) {
      text(res, 404, 'No such calendar', head);
      return;
    }
    const feed = feeds.get(calendar, level);
    const headers = { ...COMMON, ETag: feed.etag, 'Last-Modified': new Date(feed.modifiedAt).toUTCString(), 'Cache-Control': 'private, no-cache' };
    if (req.headers['if-none-match'] === feed.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Length': feed.body.length });
    res.end(head ? undefined : feed.body);
  };
}
