import { useEffect, useState } from 'react';
import type { AccountState, SyncService, UnsavedChange } from '../sync/SyncService';
import type { CalendarAccess } from '../../shared/protocol/api';
import type { Invitation, Notice } from '../../shared/protocol/inboxDocument';
import type { MeetingItem, MeetingReply } from '../../shared/protocol/meetings';

/**
 * What the chrome renders from the sync service: the account, the inbox and
 * the refused edits. Read again on every notification, as useStoreState does
 * for the store (the service may hand out fresh arrays per call). Per-calendar
 * state is read with `calendarInfo` during render; `version` changing is what
 * makes the components that read it render again.
 */
export interface SyncSnapshot {
  account: AccountState;
  /** Pending invitations only, newest first. */
  invitations: Invitation[];
  notices: Notice[];
  /** Other people's calendars the person may add to their list ("From your organisation"). */
  available: CalendarAccess[];
  unsaved: UnsavedChange[];
  /** Meeting requests (newest first, cancelled ones until removed) and answers to the person's meetings. */
  meetingRequests: MeetingItem[];
  meetingReplies: MeetingReply[];
  version: number;
}

function read(sync: SyncService, version: number): SyncSnapshot {
  return {
    account: sync.account(),
    invitations: sync
      .invitations()
      .filter((i) => i.status === 'pending')
      .sort((a, b) => b.at - a.at),
    notices: [...sync.notices()].sort((a, b) => b.at - a.at),
    available: sync.availableCalendars(),
    unsaved: sync.unsavedChanges(),
    meetingRequests: sync.meetingRequests(),
    meetingReplies: sync.meetingReplies(),
    version,
  };
}

/** Null without a sync service: the app then behaves as a purely local calendar. */
export function useSyncState(sync: SyncService | undefined): SyncSnapshot | null {
  const [state, setState] = useState<SyncSnapshot | null>(() => (sync ? read(sync, 0) : null));
  useEffect(() => {
    if (!sync) {
      setState(null);
      return;
    }
    // Re-read once on subscribe: something may have changed between render and effect.
    setState((s) => read(sync, (s?.version ?? 0) + 1));
    return sync.subscribe(() => setState((s) => read(sync, (s?.version ?? 0) + 1)));
  }, [sync]);
  return state;
}

/** True when the person has (or had) an account on a relay, so sharing state means something. */
export function hasAccount(state: SyncSnapshot | null): boolean {
  return state !== null && (state.account.status === 'signed-in' || state.account.status === 'expired');
}
