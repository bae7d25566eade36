import type { FetchIcsRequest, FetchIcsResult } from '../../shared/ipc/fetchIcs';
import type { ScheduledReminder } from '../../shared/ipc/ScheduledReminder';
import type { AppInfo } from '../../shared/ipc/TesseraBridge';

export type { AppInfo };

/**
 * Everything the renderer asks of the operating system. The UI and the engine
 * talk to this, never to Electron or to browser APIs that differ between the
 * desktop app and the web client.
 */
export interface Platform {
  readonly kind: 'electron' | 'web';
  appInfo(): Promise<AppInfo>;
  /**
   * Opens an http:, https: or mailto: link in the person's browser or mail
   * client. Resolves to false, opening nothing, for any other URL or when the
   * OS refuses. Never rejects.
   */
  openExternal(url: string): Promise<boolean>;
  /**
   * Shows a notification (desktop: the OS's; web: the Notification API, asking
   * for permission the first time). Resolves to false when none could be shown,
   * e.g. permission denied. Never rejects.
   */
  notify(title: string, body: string): Promise<boolean>;
  /**
   * The relay session of a profile (JSON, holding its refresh token), kept
   * between runs: desktop, encrypted with the OS's keychain (Electron
   * safeStorage) in the app's data folder; web, in IndexedDB. null when none is
   * kept. Never rejects.
   */
  loadSession(profile: string): Promise<string | null>;
  /** Keeps (or, with null, forgets) a profile's session; false when it could not be kept. Never rejects. */
  saveSession(profile: string, session: string | null): Promise<boolean>;
  /**
   * Hands the coming reminders to the OS side, which shows them also with every
   * window closed (desktop: the main process's timers). Resolves to false where
   * the page has to show them itself (web). Never rejects.
   */
  scheduleReminders(profile: string, reminders: ScheduledReminder[]): Promise<boolean>;
  /**
   * GETs a subscribed calendar's address (http, https, webcal), conditional on
   * the validators of the copy held, bounded in size and time. Desktop: from the
   * main process; web: the browser's fetch, which CORS may block (an error with
   * `blocked`, for the caller to try through the relay). Never rejects.
   */
  fetchIcs(request: FetchIcsRequest): Promise<FetchIcsResult>;
}
