/** Who caused a change of access, and how, so the notices say the right thing. */
export interface AccessCause {
  byId: string;
  byName: string;
  /** Calendars for which the person was just sent an invitation (no separate "granted" notice). */
  invitedTo?: ReadonlySet<string>;
  /** Calendars whose direct grant to the person was just removed (a fall-back is "revoked"). */
  directRevokedOn?: ReadonlySet<string>;
}

export const SYSTEM_CAUSE: AccessCause = { byId: 'relay', byName: 'An administrator' };
