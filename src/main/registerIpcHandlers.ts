import { app, BrowserWindow, ipcMain, net, Notification, type IpcMainInvokeEvent } from 'electron';
import { fetchFeedWith, type FetchIcsResult } from '../shared/ipc/fetchIcs';
import { IPC_CHANNELS } from '../shared/ipc/ipcChannels';
import { ipcArgsSchemas } from '../shared/ipc/ipcSchemas';
import type { AppInfo } from '../shared/ipc/TesseraBridge';
import { isAppUrl } from './navigationPolicy';
import type { ReminderTimers } from './ReminderTimers';
import { openExternalSafely } from './openExternalSafely';
import { loadSessionFile, saveSessionFile } from './sessionFiles';

export const PRODUCT_NAME = 'Tessera';

/** Notifications are kept referenced until closed, or their click handler is collected with them. */
const shown = new Set<Notification>();

/**
 * The main-process side of the bridge in src/shared/ipc. Every call is checked
 * twice before it does anything: it must come from the top frame of an app page,
 * and its arguments must parse.
 */
export function registerIpcHandlers(appUrl: string, focusSomeWindow: () => void, reminders?: ReminderTimers): void {
  const checkSender = (event: IpcMainInvokeEvent): void => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url, appUrl)) {
      throw new Error('Refused: this call did not come from the app.');
    }
  };

  ipcMain.handle(IPC_CHANNELS.appInfo, (event, ...raw: unknown[]): AppInfo => {
    checkSender(event);
    ipcArgsSchemas.appInfo.parse(raw);
    return {
      name: PRODUCT_NAME,
      version: app.getVersion(),
      platform: process.platform,
      runtime: `Electron ${process.versions.electron} (Chromium ${process.versions.chrome})`,
      defaultRelayUrl: defaultRelayUrl(),
    };
  });

  ipcMain.handle(IPC_CHANNELS.openExternal, async (event, ...raw: unknown[]): Promise<boolean> => {
    checkSender(event);
    const [url] = ipcArgsSchemas.openExternal.parse(raw);
    return openExternalSafely(url);
  });

  ipcMain.handle(IPC_CHANNELS.loadSession, async (event, ...raw: unknown[]): Promise<string | null> => {
    checkSender(event);
    const [profile] = ipcArgsSchemas.loadSession.parse(raw);
    return loadSessionFile(profile);
  });

  ipcMain.handle(IPC_CHANNELS.saveSession, async (event, ...raw: unknown[]): Promise<boolean> => {
    checkSender(event);
    const [profile, session] = ipcArgsSchemas.saveSession.parse(raw);
    return saveSessionFile(profile, session);
  });

  ipcMain.handle(IPC_CHANNELS.fetchIcs, async (event, ...raw: unknown[]): Promise<FetchIcsResult> => {
    checkSender(event);
    const [request] = ipcArgsSchemas.fetchIcs.parse(raw);
    // net.fetch: Chromium's network stack (proxies, certificates) without the page's CORS rules.
    return fetchFeedWith((url, init) => net.fetch(url, init), request, { conditional: true });
  });

  ipcMain.handle(IPC_CHANNELS.scheduleReminders, (event, ...raw: unknown[]): boolean => {
    checkSender(event);
    const [profile, list] = ipcArgsSchemas.scheduleReminders.parse(raw);
    if (!reminders) return false;
    reminders.replace(profile, list);
    return true;
  });

  ipcMain.handle(IPC_CHANNELS.notify, (event, ...raw: unknown[]): boolean => {
    checkSender(event);
    const [title, body] = ipcArgsSchemas.notify.parse(raw);
    if (!Notification.isSupported()) return false;
    const notification = new Notification({ title: title.trim() || PRODUCT_NAME, body });
    const sender = event.sender;
    const forget = () => shown.delete(notification);
    notification.on('click', () => {
      forget();
      const win = sender.isDestroyed() ? null : BrowserWindow.fromWebContents(sender);
      if (!win) {
        focusSomeWindow();
        return;
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    shown.add(notification);
    notification.show();
    return true;
  });
}

/**
 * `npm start` runs a relay beside the app and names it in TESSERA_RELAY_URL; a
 * value that is not an http(s) address is ignored rather than offered.
 */
function defaultRelayUrl(): string | null {
  const raw = process.env.TESSERA_RELAY_URL;
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
