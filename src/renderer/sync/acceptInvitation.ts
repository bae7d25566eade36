import type { Invitation } from '../../shared/protocol/inboxDocument';
import { bindingFromAccess } from '../replica/ReplicaBinding';
import type { ReplicaHost } from '../replica/ReplicaHost';
import type { RelayClient } from './RelayClient';

/**
 * Accepts a share: the relay records it, then the calendar goes into the
 * person's overlay, which syncs to all their devices, so each of them starts
 * replicating it at the level the relay grants.
 */
export async function acceptInvitation(api: RelayClient, host: ReplicaHost, invitation: Invitation, now: number): Promise<void> {
  await api.acceptInvitation(invitation.id);
  const access = (await api.calendars()).find((a) => a.id === invitation.calendarId);
  if (!access) throw new Error(`“${invitation.calendarName}” is no longer shared with you.`);
  await host.addCalendar(access.id, access.name, bindingFromAccess(access, now, null));
}
