/**
 * The IPC contract between the Electron main process and the renderer: what the
 * preload exposes as `window.tessera`, one function per IPC action. The preload
 * `satisfies` this type; the main process parses every argument with the schemas
 * in `ipcSchemas.ts`; the renderer parses every result the same way.
 *
 * Keep this narrow. Each new action is new attack surface for a compromised
 * renderer: add it here, in `ipcChannels.ts` and `ipcSchemas.ts`, in the preload
 * and in the main process's handlers, or not at all.
 */

import type { FetchIcsRequest, FetchIcsResult } from './fetchIcs';

import type { ScheduledReminder } from './ScheduledReminder';

/** The global name the preload exposes the bridge under (`window.tessera`). */
export const BRIDGE_KEY = 'tessera';

export interface AppInfo {
  /** Product name, e.g. "Tessera". */
  name: string;
  /** The app's own version (package.json), e.g. "0.1.0". */
  version: string;
  /** Operating system as Node names it (`darwin`, `win32`, `linux`, ...), or `web` in a browser. */
  platform: string;
  /** What runs the app, for about boxes and bug reports, e.g. "Electron 45.4.1 (Chromium 142.0...)". */
  runtime: string;
  /**
   * The relay the app offers in Settings before the person sets one: the embedded
   * relay `npm start` runs (TESSERA_RELAY_URL), or null (the web client uses its own origin).
   */
  defaultRelayUrl: string | null;
}

export interface TesseraBridge {
  appInfo(): Promise<AppInfo>;
  /**
   * Opens an http:, https: or mailto: URL in the person's browser or mail client.
   * Resolves to false (and opens nothing) for any other URL.
   */
  openExternal(url: string): Promise<boolean>;
  /**
   * Shows an OS notification. Resolves to false when the OS cannot show one.
   * Clicking it brings the window that asked for it to the front.
   */
  notify(title: string, body: string): Promise<boolean>;
  /**
   * The relay session stored for a profile (JSON with its refresh token),
   * decrypted with Electron safeStorage; null when none is stored or it cannot
   * be decrypted.
   */
  loadSession(profile: string): Promise<string | null>;
  /**
   * Stores a profile's relay session encrypted with Electron safeStorage (null
   * deletes it). Resolves to false when the OS offers no encryption: the
   * session is then not written to disk at all.
   */
  saveSession(profile: string, session: string | null): Promise<boolean>;
  /**
   * Replaces the profile's coming reminders (due ones not yet dismissed, and the
   * next two days). The main process keeps a timer per reminder and shows each
   * once as an OS notification, also with every window closed, and stores the
   * list so reminders missed while Tessera was closed or asleep show on start or
   * wake. Resolves to true when it took them over.
   */
  scheduleReminders(profile: string, reminders: ScheduledReminder[]): Promise<boolean>;
  /**
   * GETs a subscribed calendar's http(s) address from the main process (no CORS
   * there), conditional on the validators given, bounded in size and time.
   */
  fetchIcs(request: FetchIcsRequest): Promise<FetchIcsResult>;
}
