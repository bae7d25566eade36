import type { ReactNode } from 'react';
import { useIcsActions } from './IcsActions';
import { useFileDrop } from './useFileDrop';

/** The main area: .ics files dropped on the grid go into the first calendar shown that the person may write to. */
export function IcsDropZone({ className, children }: { className: string; children: ReactNode }) {
  const ics = useIcsActions();
  const [dropProps, active] = useFileDrop(ics ? (files) => ics.importFiles(null, files) : null);
  return (
    <main className={`${className} ${active ? 'file-drop-active' : ''}`} {...dropProps}>
      {children}
    </main>
  );
}
