import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { detectPlatform } from './platform/detectPlatform';
import { openCalendarStore, type ReplicaStoreApi } from './replica/openCalendarStore';
import { openReminderService } from './reminders/openReminderService';
import type { ReminderService } from './reminders/ReminderService';
import { openSyncService } from './sync/openSyncService';
import type { SyncService } from './sync/SyncService';
import { App } from './ui/App';
import { ReminderContext } from './ui/ReminderContext';

/*
 * Renderer entry, the same for the desktop app and the web client: pick the
 * platform, open the local replica, start syncing it, render the app. If the replica cannot be
 * opened (IndexedDB unavailable or blocked, a newer version's data), say so
 * plainly and offer a reload rather than a blank window.
 */

/**
 * `?profile=NAME` opens another local profile (its own IndexedDB database), so
 * one browser can hold several people's replicas side by side, and the replica
 * benchmark's 50,000-event calendar can be opened in the real UI.
 */
function profileDbName(search: string): string | undefined {
  const profile = new URLSearchParams(search).get('profile');
  return profile && /^[\w-]{1,64}$/.test(profile) ? profile : undefined;
}

async function start(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  const platform = detectPlatform();
  let store: ReplicaStoreApi;
  try {
    store = await openCalendarStore({ dbName: profileDbName(location.search) });
  } catch (err) {
    console.error('Could not open the calendar store:', err);
    root.render(<StartupError error={err} />);
    return;
  }
  // Syncing is optional: if it cannot start, the local calendars still work.
  let sync: SyncService | undefined;
  try {
    // The desktop app's page is not on a relay's origin; main names the relay `npm start` runs.
    const origin = platform.kind === 'electron' ? (await platform.appInfo()).defaultRelayUrl : undefined;
    sync = await openSyncService({ store, platform, origin });
  } catch (err) {
    console.error('Could not start syncing:', err);
  }
  // Reminders are optional too: without them the calendar still works (and says nothing of reminders).
  let reminders: ReminderService | null = null;
  try {
    reminders = await openReminderService({ store, platform, profile: store.dbName });
  } catch (err) {
    console.error('Could not start reminders:', err);
  }
  root.render(
    <StrictMode>
      <ReminderContext.Provider value={reminders}>
        <App platform={platform} store={store} sync={sync} />
      </ReminderContext.Provider>
    </StrictMode>,
  );
}

function StartupError({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <main role="alert" style={{ font: '14px system-ui, sans-serif', margin: '2rem', maxWidth: '40rem' }}>
      <h1 style={{ fontSize: '1.25rem' }}>Tessera could not open your calendars</h1>
      <p>Reloading often helps. If it does not, close other Tessera windows or tabs and try again.</p>
      <pre style={{ whiteSpace: 'pre-wrap', padding: '0.75rem', background: 'rgba(127, 127, 127, 0.12)', borderRadius: 4 }}>{message}</pre>
      <button type="button" onClick={() => window.location.reload()} autoFocus>
        Reload
      </button>
    </main>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
void start(container);
