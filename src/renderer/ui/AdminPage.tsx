import { useMemo, useState, type KeyboardEvent } from 'react';
import { AdminClient } from '../admin/AdminClient';
import type { RelayClient } from '../sync/RelayClient';
import type { AdminSection } from './admin/AdminSection';
import { ADMIN_SECTIONS } from './admin/adminSections';
import { DoneFooter } from './DoneFooter';
import { Modal } from './Modal';
import { ModalHeader } from './ModalHeader';
import './admin.css';

interface AdminPageProps {
  relay: RelayClient;
  locale: string;
  onClose: () => void;
  /** Tabs to show; ADMIN_SECTIONS by default. */
  sections?: AdminSection[];
}

/**
 * The administrators' page: one tab per area (shares, policies, audit, and
 * what other features add to ADMIN_SECTIONS). Only opened for admins; the relay
 * refuses its calls to anyone else anyway.
 */
export function AdminPage({ relay, locale, onClose, sections = ADMIN_SECTIONS }: AdminPageProps) {
  const admin = useMemo(() => new AdminClient(relay), [relay]);
  const [tab, setTab] = useState(sections[0]?.id ?? '');
  const [version, setVersion] = useState(0);
  const current = sections.find((s) => s.id === tab) ?? sections[0];
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = sections.findIndex((s) => s.id === current?.id);
    const next = sections[(i + (e.key === 'ArrowRight' ? 1 : sections.length - 1)) % sections.length];
    if (!next) return;
    setTab(next.id);
    e.currentTarget.querySelector<HTMLElement>(`#admin-tab-${next.id}`)?.focus();
  };
  return (
    <Modal label="Administration" onClose={onClose} className="admin-page">
      <ModalHeader title="Administration" onClose={onClose} />
      <div className="admin-tabs" role="tablist" aria-label="Administration" onKeyDown={onKey}>
        {sections.map((s) => (
          <button
            key={s.id}
            id={`admin-tab-${s.id}`}
            type="button"
            role="tab"
            aria-selected={s.id === current?.id}
            aria-controls="admin-panel"
            tabIndex={s.id === current?.id ? 0 : -1}
            className={s.id === current?.id ? 'admin-tab active' : 'admin-tab'}
            onClick={() => setTab(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div className="modal-body admin-body" id="admin-panel" role="tabpanel" aria-labelledby={current ? `admin-tab-${current.id}` : undefined}>
        {current?.render({ admin, locale, version, changed: () => setVersion((v) => v + 1) })}
      </div>
      <DoneFooter onDone={onClose} />
    </Modal>
  );
}
