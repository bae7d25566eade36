import { createContext, useContext } from 'react';
import type { SubmissionQueue } from '../../../shared/protocol/teamCalendars';

/** What a calendar's menu offers for team calendars: the queue (maintainers) and "Submit an item…" (others in scope). */
export interface TeamActions {
  queueOf(calendarId: string): SubmissionQueue | null;
  openQueue(calendarId: string): void;
  openSubmit(calendarId: string): void;
}

export const TeamContext = createContext<TeamActions | null>(null);

export function useTeamActions(): TeamActions | null {
  return useContext(TeamContext);
}
