import { z } from 'zod';
import { refreshRequestSchema, signInRequestSchema } from '../../shared/protocol/api';
import { RelayError } from '../RelayError';
import type { ApiDeps } from './ApiDeps';
import { route, type Route } from './RequestContext';

const signOutSchema = z.object({ refreshToken: z.string().min(20).max(200).optional() });

/** Sign-in, refresh (rotating) and sign-out. */
export function authRoutes(deps: ApiDeps): Route[] {
  // Failed attempts per email+address; entries expire with their window.
  const failures = new Map<string, { count: number; until: number }>();
  const now = deps.sharing.now;

  return [
    route('POST', '/api/auth/sign-in', async (r) => {
      const body = await r.body(signInRequestSchema);
      const key = `${body.email}|${r.req.socket.remoteAddress ?? ''}`;
      const t = now();
      const f = failures.get(key);
      if (f && f.until > t && f.count >= deps.signInAttempts) throw new RelayError(429, 'too_many_attempts', 'Too many failed sign-ins; wait a few minutes');
      const session = await deps.auth.signIn(body.email, body.password);
      if (!session) {
        const entry = f && f.until > t ? f : { count: 0, until: t + deps.signInWindowMs };
        entry.count++;
        failures.set(key, entry);
        if (failures.size > 10_000) for (const [k, v] of failures) if (v.until <= t) failures.delete(k);
        throw new RelayError(401, 'invalid_credentials', 'Wrong email or password');
      }
      failures.delete(key);
      return { status: 200, body: session };
    }),
    route('POST', '/api/auth/refresh', async (r) => {
      const body = await r.body(refreshRequestSchema);
      const session = deps.auth.refresh(body.refreshToken);
      if (!session) throw new RelayError(401, 'invalid_refresh_token', 'The refresh token is not valid: sign in again');
      return { status: 200, body: session };
    }),
    route('POST', '/api/auth/sign-out', async (r) => {
      const body = await r.body(signOutSchema);
      let sessionId: string | null = null;
      if (body.refreshToken) sessionId = deps.auth.signOutByRefresh(body.refreshToken);
      else {
        sessionId = r.caller().sessionId;
        deps.auth.revokeSession(sessionId);
      }
      if (sessionId) deps.sharing.effects.sessionEnded(sessionId);
      return { status: 204 };
    }),
  ];
}
