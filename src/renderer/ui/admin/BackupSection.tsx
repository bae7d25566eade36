import { useCallback, useId, useMemo } from 'react';
import { ArchiveClient } from '../../archive/ArchiveClient';
import { RestoreFromFile } from '../archive/RestoreFromFile';
import { downloadText } from '../downloadText';
import { RelayNotices } from '../RelayNotices';
import { useRelayData } from '../useRelayData';
import type { AdminSectionContext } from './AdminSection';

/**
 * Backup of the organisation: export it as one file (people with their password
 * hashes, groups, calendars with their documents, shares, policies, settings)
 * and restore such a file, or a member's account export. The relay restores all
 * of a file or nothing, and never changes what exists here.
 */
export function BackupSection({ admin, changed }: AdminSectionContext) {
  const id = useId();
  const client = useMemo(() => new ArchiveClient(admin.relay), [admin]);
  // Nothing to list: the hook gives the section its busy/status/error lines.
  const nothing = useCallback(() => Promise.resolve(null), []);
  const { busy, error, status, run } = useRelayData(nothing, { afterRun: changed });

  const exportOrg = () =>
    run(async () => {
      const file = await client.exportOrg();
      downloadText(JSON.stringify(file), `tessera-organisation-${new Date().toISOString().slice(0, 10)}.json`, 'application/json');
      return 'The organisation was exported.';
    });

  return (
    <section aria-labelledby={`${id}-h`} className="admin-section">
      <h3 id={`${id}-h`} className="sr-only">
        Backup
      </h3>
      <RelayNotices error={error} status={status} />
      <p className="hint">
        The export holds every member (with their password hashes), group, calendar, share, published link and setting of the organisation: keep it as safe as the relay’s own data. Restoring a file
        brings back what it holds and is missing here, such as a calendar purged after its 30 days in the trash, a removed group or a whole organisation on a new relay; what is here stays as it is, and
        the organisation’s policies apply to what comes back.
      </p>
      <div className="inbox-actions">
        <button type="button" className="btn btn-outline btn-small" disabled={busy} onClick={() => void exportOrg()}>
          Export the organisation
        </button>
        <RestoreFromFile client={client} run={run} busy={busy} />
      </div>
    </section>
  );
}
