import { useEffect, useRef } from 'react';
import { VIEW_DEFS, type ViewKind } from './viewKinds';

export interface ShortcutHandlers {
  today: () => void;
  next: () => void;
  prev: () => void;
  view: (kind: ViewKind) => void;
  newEvent: () => void;
  undo: () => void;
  redo: () => void;
}

/** Whether a key press belongs to a text field rather than to the calendar. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * Google Calendar's keys: t today, j/k or arrows next/previous, d/w/x/m/a
 * views, n new event, Ctrl/Cmd+Z undo, Ctrl+Shift+Z or Ctrl+Y redo. Ignored
 * while typing in a field (there Ctrl+Z undoes typing) and while a dialog is
 * open (the dialog owns the keyboard; Escape closes it).
 */
export function useKeyboardShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const h = ref.current;
      const key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && !e.altKey) {
        if (key === 'z' && !e.shiftKey) h.undo();
        else if ((key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey)) h.redo();
        else return;
        e.preventDefault();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const view = VIEW_DEFS.find((v) => v.key === key);
      if (view && !e.shiftKey) h.view(view.kind);
      else if (key === 't') h.today();
      else if (key === 'j' || key === 'arrowright') h.next();
      else if (key === 'k' || key === 'arrowleft') h.prev();
      else if (key === 'n') h.newEvent();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
