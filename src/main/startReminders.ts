import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, Menu, nativeImage, Notification, powerMonitor, Tray, type MenuItemConstructorOptions } from 'electron';
import { ReminderTimers } from './ReminderTimers';

export interface RemindersHandle {
  timers: ReminderTimers;
  tray: Tray | null;
}

/** Notifications are kept referenced until closed, or their click handler is collected with them. */
const shown = new Set<Notification>();

/**
 * Reminders in the main process: timers that outlive every window, the stored
 * schedule under userData (so what came due while Tessera was closed shows on
 * start), a re-check on wake, and a tray icon that keeps the app reachable
 * (Open Tessera, Reminders, Quit) while no window is open.
 */
export function startReminders(options: { productName: string; focusSomeWindow: () => void; quit: () => void }): RemindersHandle {
  const dir = app.getPath('userData');
  const file = join(dir, 'reminders.json');
  let tray: Tray | null = null;
  const timers: ReminderTimers = new ReminderTimers({
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    show: (title, body) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: title.trim() || options.productName, body });
      const forget = () => shown.delete(notification);
      notification.on('click', () => {
        forget();
        options.focusSomeWindow();
      });
      notification.on('close', forget);
      notification.on('failed', forget);
      shown.add(notification);
      notification.show();
    },
    load: () => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    },
    save: (json) => {
      try {
        mkdirSync(dir, { recursive: true });
        // Written aside then renamed, so a crash never leaves half a file.
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, json, { mode: 0o600 });
        renameSync(temp, file);
      } catch (err) {
        console.warn('Reminders could not be stored:', err);
      }
    },
    changed: () => tray?.setContextMenu(buildTrayMenu()),
  });

  const buildTrayMenu = (): Menu => {
    const { due, upcoming } = timers.list();
    const items: MenuItemConstructorOptions[] = [...due.map((r) => ({ label: `Due: ${r.title}`, click: options.focusSomeWindow })), ...upcoming.slice(0, 10).map((r) => ({ label: `${new Date(r.dueAtMs).toLocaleString()}: ${r.title}`, click: options.focusSomeWindow }))];
    return Menu.buildFromTemplate([
      { label: `Open ${options.productName}`, click: options.focusSomeWindow },
      { label: due.length > 0 ? `Reminders (${due.length} due)` : 'Reminders', submenu: items.length > 0 ? items : [{ label: 'No reminders', enabled: false }] },
      { type: 'separator' },
      { label: 'Quit', click: options.quit },
    ]);
  };

  try {
    tray = new Tray(trayIcon());
    tray.setToolTip(options.productName);
    tray.setContextMenu(buildTrayMenu());
    tray.on('click', options.focusSomeWindow);
  } catch (err) {
    // Some Linux desktops have no tray; reminders still fire while the app runs.
    console.warn('No tray icon:', err);
    tray = null;
  }
  powerMonitor.on('resume', () => timers.check());
  timers.check();
  return { timers, tray };
}

/** A 16x16 calendar glyph drawn in memory, so the tray needs no image file in the package. */
function trayIcon(): Electron.NativeImage {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const border = x === 1 || x === 14 || y === 2 || y === 14;
      const header = y >= 2 && y <= 5;
      const inside = x >= 1 && x <= 14 && y >= 2 && y <= 14;
      if (!inside || !(border || header)) continue;
      const i = (y * size + x) * 4;
      // BGRA: the app's blue (#1a73e8).
      pixels[i] = 0xe8;
      pixels[i + 1] = 0x73;
      pixels[i + 2] = 0x1a;
      pixels[i + 3] = 0xff;
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}
