import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  /** Accessible name of the dialog. */
  label: string;
  /** Escape, or the dialog's own close control. */
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog> element: showModal() gives focus
 * containment, the inert page behind and the top layer for free, and Escape
 * arrives as a 'cancel' event that we route to onClose (so the parent decides,
 * e.g. a scope prompt reverting a drag).
 */
export function Modal({ label, onClose, className, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Put focus on the first field rather than the first button (often "Close").
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]');
    first?.focus();
    return () => dialog.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`modal ${className ?? ''}`}
      onCancel={(e) => {
        e.preventDefault();
        // React bubbles 'cancel' through the component tree: a prompt opened over the
        // editor must not close the editor too.
        e.stopPropagation();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
