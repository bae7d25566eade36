import { useRef } from 'react';
import type { ArchiveClient } from '../../archive/ArchiveClient';
import { describeRestore } from './describeRestore';

/** The largest file the relay takes (MAX_RESTORE_BYTES): refused here before reading it. */
const MAX_BYTES = 256 * 1024 * 1024;

/**
 * "Restore from a file…": reads a Tessera export the person chose and sends it
 * to the relay, which restores all of it or nothing. `run` is the section's
 * useRelayData action, so the answer shows as its status or error line and the
 * section's lists reload.
 */
export function RestoreFromFile({ client, run, busy, label = 'Restore from a file…' }: { client: ArchiveClient; run: (fn: () => Promise<unknown>) => Promise<boolean>; busy: boolean; label?: string }) {
  const input = useRef<HTMLInputElement>(null);

  const restore = (file: File) =>
    run(async () => {
      if (file.size > MAX_BYTES) throw new Error(`${file.name} is larger than an export can be (256 MB); nothing was restored.`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not a Tessera export (it is not JSON); nothing was restored.`);
      }
      return describeRestore(await client.restore(parsed));
    });

  return (
    <>
      <button type="button" className="btn btn-outline btn-small" disabled={busy} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Export file to restore"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so choosing the same file again (after fixing something) fires again.
          e.target.value = '';
          if (file) void restore(file);
        }}
      />
    </>
  );
}
