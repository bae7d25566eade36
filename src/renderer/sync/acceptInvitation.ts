import type { CalendarAccess } from '../../shared/protocol/api';
import type { Invitation } from '../../shared/protocol/inboxDocument';
import { ORIGIN_LOCAL } from '../replica/CalendarReplica';
import { bindingFromAccess } from '../replica/ReplicaBinding';
import type { ReplicaHost } from '../replica/ReplicaHost';
import { recordInvitationAnswer } from './applyInvitationAnswers';
import type { RelayClient } from './RelayClient';

/**
 * Accepts a share: the relay records it, the answer goes into the person's
 * overlay (so no other device of theirs shows it as pending while its inbox
 * catches up), then the calendar goes into the overlay too, which syncs to all
 * their devices, so each of them starts replicating it at the level the relay
 * grants. `known` is the inbox's entry, used if the relay cannot be asked again.
 */
export async function acceptInvitation(api: RelayClient, host: ReplicaHost, invitation: Invitation, now: number, known: CalendarAccess | null = null): Promise<void> {
  await api.acceptInvitation(invitation.id);
  recordInvitationAnswer(host.overlayDoc, invitation.id, 'accepted', ORIGIN_LOCAL);
  let access: CalendarAccess | null;
  try {
    access = (await api.calendars()).find((a) => a.id === invitation.calendarId) ?? null;
  } catch (err) {
    if (!known) throw err;
    access = known;
  }
  if (!access) throw new Error(`“${invitation.calendarName}” is no longer shared with you.`);
  await host.addCalendar(access.id, access.name, bindingFromAccess(access, now, null));
}
