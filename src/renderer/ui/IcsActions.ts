import { createContext, useContext } from 'react';
import type { SubscriptionInfo } from '../replica/Subscription';
import type { RefreshOutcome } from '../ics/refreshSubscription';

/**
 * What the calendar list, the Add calendar menu and the grid may ask of ICS
 * import, export and subscriptions (IcsProvider owns the dialogs). Absent (no
 * provider), those entries are simply not offered.
 */
export interface IcsActions {
  /** "Import .ics…": into this calendar, or (null) let the person choose. */
  openImport(calendarId: string | null): void;
  /** Files dropped on a calendar, or (null) on the grid: into the first calendar the person may write to. */
  importFiles(calendarId: string | null, files: readonly File[]): void;
  openExport(calendarId: string): void;
  openSubscribe(): void;
  /** May events be imported into this calendar (the person may write to it, not a subscription)? */
  canImportInto(calendarId: string): boolean;
  subscription(calendarId: string): SubscriptionInfo | null;
  refresh(calendarId: string): Promise<RefreshOutcome>;
  setRefreshInterval(calendarId: string, minutes: number): Promise<void>;
}

export const IcsActionsContext = createContext<IcsActions | null>(null);

export function useIcsActions(): IcsActions | null {
  return useContext(IcsActionsContext);
}
