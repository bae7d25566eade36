import { useEffect, useState } from 'react';
import type { AppInfo, Platform } from '../platform/Platform';
import type { CalendarStore, Settings } from '../replica/CalendarStore';
import type { AccountState, SyncService } from '../sync/SyncService';
import { AccountSection } from './AccountSection';
import { CategoryManager } from './CategoryManager';
import { Modal } from './Modal';
import { problemsOf } from './problemsOf';
import { ZoneSelect } from './ZoneSelect';
import { WorkingHoursSection } from './WorkingHoursSection';
import { ArchiveSection } from './archive/ArchiveSection';
import { AppPasswordsSection } from './AppPasswordsSection';
import { DoneFooter } from './DoneFooter';
import { ModalHeader } from './ModalHeader';
import { FormError } from './FormError';

interface SettingsDialogProps {
  store: CalendarStore;
  settings: Settings;
  systemZone: string;
  platform: Platform;
  /** With a sync service, the relay account comes first. */
  sync?: SyncService;
  account?: AccountState;
  onClose: () => void;
}

/** The person's settings: the relay account, display zone, an optional second zone for the time axis, and colour categories. Changes apply at once. */
export function SettingsDialog({ store, settings, systemZone, platform, sync, account, onClose }: SettingsDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [about, setAbout] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    platform.appInfo().then(
      (info) => live && setAbout(info),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [platform]);
  const update = async (patch: Partial<Settings>) => {
    try {
      setError(null);
      await store.updateSettings(patch);
    } catch (err) {
      setError(problemsOf(err).join(' '));
      throw err;
    }
  };
  return (
    <Modal label="Settings" onClose={onClose} className="settings-dialog">
      <ModalHeader title="Settings" onClose={onClose} />
      <div className="modal-body">
        <FormError message={error} />
        {sync && account && <AccountSection sync={sync} account={account} />}
        <section>
          <h3>Time zones</h3>
          <div className="field">
            <label htmlFor="settings-display-zone">Display time zone</label>
            <ZoneSelect id="settings-display-zone" value={settings.displayZone} nullLabel={`System (${systemZone})`} onChange={(displayZone) => void update({ displayZone }).catch(() => undefined)} />
          </div>
          <div className="field">
            <label htmlFor="settings-second-zone">Second time zone</label>
            <ZoneSelect id="settings-second-zone" value={settings.secondZone} nullLabel="None" onChange={(secondZone) => void update({ secondZone }).catch(() => undefined)} />
            <p className="hint">Shown beside the time axis in the day and week views.</p>
          </div>
        </section>
        {sync && account?.status === 'signed-in' && <WorkingHoursSection sync={sync} systemZone={systemZone} />}
        {sync?.relayClient && account?.status === 'signed-in' && <AppPasswordsSection relay={sync.relayClient()} locale={typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US'} />}
        {sync?.relayClient && account?.status === 'signed-in' && <ArchiveSection relay={sync.relayClient()} locale={typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US'} />}
        <CategoryManager categories={settings.categories} onChange={(categories) => update({ categories })} />
        {about && (
          <p className="hint about">
            {about.name} {about.version} · {about.runtime}
          </p>
        )}
      </div>
      <DoneFooter onDone={onClose} />
    </Modal>
  );
}
