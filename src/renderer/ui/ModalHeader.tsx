import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** A dialog's title row with its close button, the same in every dialog. */
export function ModalHeader({ title, onClose }: { title: ReactNode; onClose: () => void }) {
  return (
    <header className="modal-header">
      <h2 className="modal-title">{title}</h2>
      <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
        <Icon name="close" size={20} />
      </button>
    </header>
  );
}
