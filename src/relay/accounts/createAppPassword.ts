import { randomBytes } from 'node:crypto';
import type { CreatedAppPassword } from '../../shared/protocol/appPasswords';
import { hashPassword } from '../auth/hashPassword';
import { forbidden, RelayError } from '../RelayError';
import { newId } from '../store/newId';
import type { PersonRow } from '../store/rowSchemas';
import type { SharingContext } from '../sharing/SharingContext';
import { toAppPassword } from './toAppPassword';

/** Active app passwords one person may hold; more is a sign of copying rather than naming them. */
export const MAX_APP_PASSWORDS = 25;

/** Makes a named app password; the secret is returned this once and only its scrypt hash is kept. */
export async function createAppPassword(ctx: SharingContext, person: PersonRow, name: string): Promise<CreatedAppPassword> {
  if (!ctx.store.appPasswords.allowed(person.org_id)) throw forbidden('App passwords are switched off for your organisation');
  if (ctx.store.appPasswords.activeOfUser(person.id).length >= MAX_APP_PASSWORDS) throw new RelayError(409, 'too_many_app_passwords', `At most ${MAX_APP_PASSWORDS} app passwords: revoke one first`);
  // Four groups of six: easy to read out, 144 bits.
  const raw = randomBytes(18).toString('base64url');
  const password = raw.match(/.{6}/g)!.join('-');
  const hash = await hashPassword(password, ctx.passwordCost);
  const now = ctx.now();
  const id = newId();
  ctx.store.transaction(() => {
    // The switch may have been turned off while the hash was computed.
    if (!ctx.store.appPasswords.allowed(person.org_id)) throw forbidden('App passwords are switched off for your organisation');
    ctx.store.appPasswords.insert({ id, user_id: person.id, name, hash, created_at: now });
    ctx.store.audit.record({ orgId: person.org_id, actorId: person.id, actorName: person.name, action: 'app-password.create', calendarId: null, subject: `user:${person.id}`, detail: { id, name } }, now);
  });
  return { ...toAppPassword(ctx.store.appPasswords.get(id)!), password };
}
