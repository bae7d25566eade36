import { appPasswordExchangeSchema, appPasswordPolicySchema, createAppPasswordSchema, type AppPasswordToken } from '../../shared/protocol/appPasswords';
import { AppPasswordChecker } from '../accounts/AppPasswordChecker';
import { createAppPassword } from '../accounts/createAppPassword';
import { FailureLimiter } from '../accounts/FailureLimiter';
import { revokeOwnAppPassword } from '../accounts/revokeAppPassword';
import { setAppPasswordsAllowed } from '../accounts/setAppPasswordsAllowed';
import { toAppPassword } from '../accounts/toAppPassword';
import { RelayError } from '../RelayError';
import { actorOf } from '../sharing/actorOf';
import type { ApiDeps } from './ApiDeps';
import { callerAdmin } from './callerAdmin';
import { route, type Route } from './RequestContext';

/**
 * A person's app passwords, the organisation's switch (admins), and the token
 * exchange that turns an app password into a read-only access token.
 */
export function appPasswordRoutes(deps: ApiDeps): Route[] {
  const ctx = deps.sharing;
  const checker = AppPasswordChecker.for(ctx.store);
  const limiter = new FailureLimiter(deps.signInAttempts);
  return [
    route('GET', '/api/app-passwords', (r) => {
      const { person } = r.caller();
      return { status: 200, body: { appPasswords: ctx.store.appPasswords.ofUser(person.id).map(toAppPassword), allowed: ctx.store.appPasswords.allowed(person.org_id) } };
    }),
    route('POST', '/api/app-passwords', async (r) => {
      const { person } = r.caller();
      const body = await r.body(createAppPasswordSchema);
      return { status: 201, body: await createAppPassword(ctx, person, body.name) };
    }),
    route('DELETE', '/api/app-passwords/:id', (r) => {
      const { person } = r.caller();
      revokeOwnAppPassword(ctx, actorOf(person), r.params.id!);
      return { status: 204 };
    }),
    route('POST', '/api/auth/app-password', async (r) => {
      const body = await r.body(appPasswordExchangeSchema);
      const key = r.req.socket.remoteAddress ?? '';
      const now = ctx.now();
      if (!limiter.attempt(key, now)) throw new RelayError(429, 'too_many_attempts', 'Too many wrong app passwords; wait a few minutes');
      const match = await checker.check(body.email, body.password);
      if (!match) {
        limiter.failed(key, now);
        throw new RelayError(401, 'invalid_app_password', 'Wrong email or app password (the account password is not accepted here: create an app password in Settings)');
      }
      limiter.succeeded(key);
      ctx.store.appPasswords.touch(match.appPassword.id, ctx.now());
      const token: AppPasswordToken = { ...deps.auth.issueAppPasswordToken(match.person, match.appPassword.id), readOnly: true };
      return { status: 200, body: token };
    }),
    route('GET', '/api/admin/app-passwords', (r) => {
      const person = callerAdmin(r);
      return { status: 200, body: { allowed: ctx.store.appPasswords.allowed(person.org_id) } };
    }),
    route('PUT', '/api/admin/app-passwords', async (r) => {
      const person = callerAdmin(r);
      const body = await r.body(appPasswordPolicySchema);
      return { status: 200, body: setAppPasswordsAllowed(ctx, actorOf(person), person.org_id, body.allowed) };
    }),
  ];
}
