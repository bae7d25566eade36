import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { RelayError } from '../RelayError';
import { FEED_TIMEOUT_MS, MAX_FEED_BYTES } from '../../shared/ipc/fetchIcs';
import type { ApiDeps } from './ApiDeps';
import type { ExternalFetchLimits } from './fetchExternalIcs';
import { fetchIcsRoutes } from './fetchIcsRoutes';
import { adminReviewRoutes } from './adminReviewRoutes';
import { accountRoutes } from './accountRoutes';
import { adminRoutes } from './adminRoutes';
import { archiveTrashRoutes } from './archiveTrashRoutes';
import { exportRoutes } from './exportRoutes';
import { authRoutes } from './authRoutes';
import { calendarRoutes } from './calendarRoutes';
import { directoryRoutes } from './directoryRoutes';
import { icsLinkRoutes } from './icsLinkRoutes';
import { invitationRoutes } from './invitationRoutes';
import { profileRoutes } from './profileRoutes';
import { teamRoutes } from './teamRoutes';
import { parseBody, readJsonBody } from './readJsonBody';
import type { RequestContext, Route } from './RequestContext';
import { CORS_HEADERS, sendError, sendJson, sendThrown } from './respond';
import type { StaticHandler } from './serveStatic';
import type { serveIcsFeed } from './serveIcsFeed';
import { PERSONAL_FEED_PREFIX, type servePersonalFeed } from './servePersonalFeed';

export interface HttpHandlerOptions {
  maxBodyBytes: number;
  /** GET /api/fetch-ics limits; default: public addresses only, 30 s, 20 MB. */
  fetchIcs?: ExternalFetchLimits;
  staticHandler: StaticHandler | null;
  /** Published ICS feeds (serveIcsFeed); without it /ics answers 404. */
  icsFeeds?: ReturnType<typeof serveIcsFeed>;
  /** /ics/me/<calendarId>.ics with an app password (servePersonalFeed). */
  personalFeeds?: ReturnType<typeof servePersonalFeed>;
}

/** The relay's HTTP side: the JSON API under /api, ICS feeds under /ics, the web app (if any) everywhere else. */
export function createHttpHandler(deps: ApiDeps, options: HttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const routes: Route[] = [...authRoutes(deps), ...directoryRoutes(deps), ...calendarRoutes(deps), ...invitationRoutes(deps), ...profileRoutes(deps), ...icsLinkRoutes(deps), ...adminRoutes(deps), ...teamRoutes(deps), ...adminReviewRoutes(deps), ...fetchIcsRoutes(deps, options.fetchIcs ?? { allowPrivate: false, timeoutMs: FEED_TIMEOUT_MS, maxBytes: MAX_FEED_BYTES })];

  // App passwords, removing members, shared addresses (issue 6).
  routes.push(...accountRoutes(deps));
  // Archive, trash, export and restore (issue 6).
  routes.push(...archiveTrashRoutes(deps), ...exportRoutes(deps));

  const handleApi = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end();
      return;
    }
    if (pathname === '/api/health') {
      sendJson(res, 200, { ok: true });
      return;
    }
    const matching = routes.filter((r) => r.pattern.test(pathname));
    if (matching.length === 0) {
      sendError(res, 404, 'not_found', `No endpoint ${pathname}`);
      return;
    }
    const r = matching.find((m) => m.method === req.method);
    if (!r) {
      sendError(res, 405, 'method_not_allowed', `${req.method ?? '?'} is not allowed on ${pathname}`, { Allow: [...new Set(matching.map((m) => m.method))].join(', ') });
      return;
    }
    const params = (r.pattern.exec(pathname)?.groups ?? {}) as Record<string, string>;
    let bodyRead: Promise<unknown> | null = null;
    let caller: ReturnType<RequestContext['caller']> | null = null;
    const ctx: RequestContext = {
      req,
      res,
      params,
      body: async <T>(schema: z.ZodType<T>) => parseBody(schema, await (bodyRead ??= readJsonBody(req, options.maxBodyBytes))),
      caller: () => {
        if (caller) return caller;
        const header = req.headers.authorization ?? '';
        const m = /^Bearer\s+(\S+)$/i.exec(header);
        if (!m) throw new RelayError(401, 'unauthorized', 'Sign in first (Authorization: Bearer <access token>)');
        const who = deps.auth.authenticate(m[1]!);
        if (!who.ok) throw new RelayError(401, who.reason === 'expired' ? 'token_expired' : 'unauthorized', `The access token is not valid (${who.reason})`);
        // A token from an app password (POST /api/auth/app-password) only reads.
        if (who.readOnly && req.method !== 'GET') throw new RelayError(403, 'read_only_token', 'This token comes from an app password and can only read');
        caller = { person: who.person, sessionId: who.sessionId, readOnly: who.readOnly };
        return caller;
      },
    };
    const reply = await r.handler(ctx);
    // Drain an unread body so the connection can be reused.
    if (!bodyRead && req.readable) req.resume();
    sendJson(res, reply.status, reply.body);
  };

  return (req, res) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://relay').pathname;
    } catch {
      sendError(res, 400, 'bad_request', 'Bad request path');
      return;
    }
    let work: Promise<void>;
    if (pathname === '/api' || pathname.startsWith('/api/')) work = handleApi(req, res, pathname);
    else if (pathname.startsWith(PERSONAL_FEED_PREFIX) && options.personalFeeds) work = options.personalFeeds(req, res, pathname);
    else if (pathname.startsWith('/ics/')) {
      if (!options.icsFeeds) {
        sendError(res, 404, 'not_found', 'Published ICS feeds are not available on this relay');
        return;
      }
      work = options.icsFeeds(req, res, pathname);
    } else if (pathname.startsWith('/sync/')) {
      sendError(res, 426, 'upgrade_required', 'Connect with a websocket');
      return;
    } else if (options.staticHandler) work = options.staticHandler(req, res);
    else {
      sendError(res, 404, 'not_found', 'Nothing here: this relay serves /api and /sync');
      return;
    }
    work.catch((err: unknown) => {
      sendThrown(res, err, deps.log);
      // After a 413 the rest of the body is not worth reading.
      if (err instanceof RelayError && err.status === 413) res.once('finish', () => req.destroy());
    });
  };
}
