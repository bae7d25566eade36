import { createContext, useContext } from 'react';

/** What a calendar's menu offers, signed in: "Archive" (its owner) and "Deleted events…" (its owner and editors). */
export interface ArchiveActions {
  archive(calendarId: string): void;
  openTrash(calendarId: string): void;
}

export const ArchiveContext = createContext<ArchiveActions | null>(null);

export function useArchiveActions(): ArchiveActions | null {
  return useContext(ArchiveContext);
}
