import { randomBytes } from 'node:crypto';
import type { CreateIcsLink, IcsLink } from '../../shared/protocol/icsLinks';
import { hashPassword } from '../auth/hashPassword';
import { hashFeedToken } from '../ics/hashFeedToken';
import { checkIcsLink } from '../policies/checkPolicy';
import { badRequest, notFound } from '../RelayError';
import { newId } from '../store/newId';
import { requireLinkManager } from './requireLinkManager';
import type { Actor, SharingContext } from './SharingContext';
import { toIcsLink } from './toIcsLink';

/** Publishes a new ICS link of a calendar (owner only) and audits it; the answer carries its URL path. */
export async function publishIcsLink(ctx: SharingContext, actor: Actor, calendarId: string, body: CreateIcsLink): Promise<IcsLink> {
  const first = requireLinkManager(ctx, actor, calendarId, 'publish');
  checkIcsLink(ctx.store.db, first.calendar.org_id, body.level);
  if (body.expiresAt !== undefined && body.expiresAt <= ctx.now()) throw badRequest('expiresAt: the expiry must lie in the future');
  // Hashing is slow on purpose; do it before the synchronous write, then re-check the calendar.
  const passwordHash = body.password === undefined ? null : await hashPassword(body.password, ctx.passwordCost);
  const { calendar } = requireLinkManager(ctx, actor, calendarId, 'publish');
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  const now = ctx.now();
  ctx.store.transaction(() => {
    ctx.store.icsLinks.insert({
      id,
      calendar_id: calendar.id,
      token_hash: hashFeedToken(token),
      token,
      level: body.level,
      password_hash: passwordHash,
      expires_at: body.expiresAt ?? null,
      created_at: now,
      created_by: actor.id,
      created_by_name: actor.name,
    });
    ctx.store.audit.record(
      {
        orgId: calendar.org_id,
        actorId: actor.id,
        actorName: actor.name,
        action: 'ics-link.publish',
        calendarId: calendar.id,
        subject: null,
        detail: { linkId: id, level: body.level, password: passwordHash !== null, expiresAt: body.expiresAt ?? null },
      },
      now,
    );
  });
  const row = ctx.store.icsLinks.byId(calendar.id, id);
  if (!row) throw notFound('Link');
  return toIcsLink(row, now, true);
}
