import { BrowserWindow, nativeTheme } from 'electron';

export interface AppWindowOptions {
  /** The dev server's URL, or the app scheme's index.html. */
  appUrl: string;
  /** Absolute path of the CommonJS preload bundle (out/preload/index.cjs). */
  preloadPath: string;
}

/** Offset of a new window from the one it was opened from, so it does not hide it. */
const CASCADE = 28;

/**
 * One app window. Every window uses the default session, so all windows of a
 * profile share one IndexedDB and see each other's changes (the replica engine
 * relays them between windows with a BroadcastChannel).
 */
export function createAppWindow({ appUrl, preloadPath }: AppWindowOptions): BrowserWindow {
  const from = BrowserWindow.getFocusedWindow();
  const bounds = from && !from.isMaximized() && !from.isFullScreen() ? from.getBounds() : null;
  const win = new BrowserWindow({
    title: 'Tessera',
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 840,
    ...(bounds ? { x: bounds.x + CASCADE, y: bounds.y + CASCADE } : {}),
    minWidth: 720,
    minHeight: 480,
    show: false,
    // Matches the page's first paint, so a new window does not flash.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1f1f1f' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(appUrl).catch((err: unknown) => {
    console.error(`Could not load ${appUrl}:`, err);
  });
  return win;
}
