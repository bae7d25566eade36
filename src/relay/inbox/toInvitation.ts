import type { Invitation } from '../../shared/protocol/inboxDocument';
import type { InvitationRow } from '../store/rowSchemas';

/** The inbox item of a stored invitation (fields in a fixed order, so equal items serialise equally). */
export function toInvitation(row: InvitationRow, fromName: string): Invitation {
  return {
    id: row.id,
    kind: 'invitation',
    calendarId: row.calendar_id,
    calendarName: row.calendar_name,
    fromId: row.from_id,
    fromName,
    level: row.level,
    askBack: row.ask_back,
    message: row.message,
    at: row.at,
    status: row.status,
  };
}
