import type { Invitation } from '../../shared/protocol/inboxDocument';
import { toInvitation } from '../inbox/toInvitation';
import { notFound } from '../RelayError';
import type { PersonRow } from '../store/rowSchemas';
import type { SharingContext } from './SharingContext';

/**
 * Accepts or declines an invitation. Access itself comes from the grant; the
 * answer tells the person's devices whether to add the calendar to their list,
 * and the owner (through the audit log) what became of the share.
 */
export function respondToInvitation(ctx: SharingContext, person: PersonRow, invitationId: string, answer: 'accepted' | 'declined'): Invitation {
  const row = ctx.store.sharing.invitation(invitationId);
  if (!row || row.to_id !== person.id) throw notFound('Invitation');
  if (row.status !== answer) {
    const calendar = ctx.store.sharing.calendar(row.calendar_id);
    ctx.store.transaction(() => {
      ctx.store.sharing.setInvitationStatus(row.id, answer);
      ctx.store.audit.record(
        {
          orgId: calendar?.org_id ?? person.org_id,
          actorId: person.id,
          actorName: person.name,
          action: answer === 'accepted' ? 'invitation.accept' : 'invitation.decline',
          calendarId: row.calendar_id,
          subject: `user:${person.id}`,
          detail: { invitationId: row.id, level: row.level },
        },
        ctx.now(),
      );
    });
    ctx.effects.accessChanged([person.id], { byId: person.id, byName: person.name });
  }
  const from = ctx.store.directory.person(row.from_id);
  return toInvitation({ ...row, status: answer }, from?.name ?? 'Unknown');
}
