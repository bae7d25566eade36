import path from 'node:path';
import { app, BrowserWindow, Menu, session } from 'electron';
import { buildContentSecurityPolicy } from '../shared/ipc/contentSecurityPolicy';
import { APP_URL, registerAppScheme, serveAppScheme } from './appProtocol';
import { buildAppMenu } from './buildAppMenu';
import { createAppWindow } from './createAppWindow';
import { hardenSession } from './hardenSession';
import { hardenWebContents } from './hardenWebContents';
import { registerIpcHandlers } from './registerIpcHandlers';
import { startReminders, type RemindersHandle } from './startReminders';

/*
 * The Electron main process: windows, menu, single instance, and the narrow IPC
 * bridge. No calendar logic lives here (DESIGN.md, Layout and layering).
 */

const APP_USER_MODEL_ID = 'org.tessera.desktop';
const here = import.meta.dirname;
// The dev server's URL comes from electron-vite; a packaged app never follows it.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const appUrl = devServerUrl ?? APP_URL;
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');
const contentSecurityPolicy = buildContentSecurityPolicy({
  delivery: 'header',
  inlineScriptHashes: devServerUrl ? __TESSERA_DEV_SCRIPT_HASHES__ : [],
});

registerAppScheme();
// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();
// Windows shows notifications only for a known AppUserModelID. It must match the
// installer's app id once there is one; until then, the Electron executable's path.
if (process.platform === 'win32') app.setAppUserModelId(app.isPackaged ? APP_USER_MODEL_ID : process.execPath);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this profile; it was told (second-instance) and shows itself.
  app.quit();
} else {
  let lastFocused: BrowserWindow | null = null;

  const openWindow = (): BrowserWindow => {
    const win = createAppWindow({ appUrl, preloadPath });
    win.on('focus', () => {
      lastFocused = win;
    });
    win.on('closed', () => {
      if (lastFocused === win) lastFocused = null;
    });
    lastFocused = win;
    return win;
  };

  const focusSomeWindow = (): void => {
    const win = lastFocused && !lastFocused.isDestroyed() ? lastFocused : (BrowserWindow.getAllWindows()[0] ?? null);
    if (!win) {
      if (app.isReady()) openWindow();
      return;
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));
  app.on('second-instance', () => focusSomeWindow());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  let reminders: RemindersHandle | null = null;
  app.on('window-all-closed', () => {
    // With a tray icon Tessera keeps running, so reminders still fire with every window closed.
    if (process.platform !== 'darwin' && !reminders?.tray) app.quit();
  });

  app
    .whenReady()
    .then(() => {
      if (!devServerUrl) serveAppScheme(rendererDir, contentSecurityPolicy);
      hardenSession(session.defaultSession, appUrl, contentSecurityPolicy);
      reminders = startReminders({ productName: 'Tessera', focusSomeWindow, quit: () => app.quit() });
      registerIpcHandlers(appUrl, focusSomeWindow, reminders.timers);
      Menu.setApplicationMenu(buildAppMenu({ onNewWindow: openWindow, developing: !app.isPackaged }));
      openWindow();
    })
    .catch((err: unknown) => {
      console.error('Tessera could not start:', err);
      app.exit(1);
    });
}
