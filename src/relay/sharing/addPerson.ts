import type { Person } from '../../shared/protocol/api';
import { hashPassword } from '../auth/hashPassword';
import { conflict, forbidden, notFound } from '../RelayError';
import { administers } from './requireManager';
import type { Actor, SharingContext } from './SharingContext';

export async function addPerson(ctx: SharingContext, actor: Actor, orgId: string, body: { email: string; name: string; password: string; isAdmin?: boolean }): Promise<Person> {
  if (!ctx.store.directory.org(orgId)) throw notFound('Organisation');
  if (!administers(actor, orgId)) throw forbidden('Only an administrator can add people');
  const email = body.email.trim().toLowerCase();
  if (ctx.store.directory.personByEmail(email)) throw conflict('Someone with this email exists');
  const passwordHash = await hashPassword(body.password, ctx.passwordCost);
  const now = ctx.now();
  const row = ctx.store.transaction(() => {
    // Checked again inside the transaction: hashing gave another request time to add the same email.
    if (ctx.store.directory.personByEmail(email)) throw conflict('Someone with this email exists');
    const person = ctx.store.directory.createPerson({ orgId, email, name: body.name, passwordHash, isAdmin: body.isAdmin === true }, now);
    ctx.store.audit.record({ orgId, actorId: actor.id, actorName: actor.name, action: 'person.add', calendarId: null, subject: `user:${person.id}`, detail: { email, name: body.name, isAdmin: body.isAdmin === true } }, now);
    return person;
  });
  return { id: row.id, email: row.email, name: row.name, orgId: row.org_id, groups: [] };
}
