import { useRef, useState, type DragEvent } from 'react';

export interface FileDropProps {
  onDragEnter: (e: DragEvent) => void;
  onDragOver: (e: DragEvent) => void;
  onDragLeave: (e: DragEvent) => void;
  onDrop: (e: DragEvent) => void;
}

const carriesFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/**
 * Makes an element a drop target for files (not for drags inside the page,
 * such as moving an event), with `active` true while files are over it.
 * Nested elements fire enter/leave pairs of their own: a counter keeps
 * `active` from flickering.
 */
export function useFileDrop(onFiles: ((files: File[]) => void) | null): [FileDropProps | Record<string, never>, boolean] {
  const [active, setActive] = useState(false);
  const depth = useRef(0);
  if (!onFiles) return [{}, false];
  return [
    {
      onDragEnter: (e) => {
        if (!carriesFiles(e)) return;
        depth.current += 1;
        setActive(true);
      },
      onDragOver: (e) => {
        if (!carriesFiles(e)) return;
        // Without this the browser opens the file instead of handing it to the page.
        e.preventDefault();
        e.stopPropagation();
        e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (e) => {
        if (!carriesFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setActive(false);
      },
      onDrop: (e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.stopPropagation();
        depth.current = 0;
        setActive(false);
        const files = [...e.dataTransfer.files];
        if (files.length > 0) onFiles(files);
      },
    },
    active,
  ];
}
