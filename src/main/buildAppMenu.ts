import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  onNewWindow: () => void;
  /** Developer tools in the View menu only while developing. */
  developing: boolean;
}

export function buildAppMenu({ onNewWindow, developing }: AppMenuOptions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        // Ctrl+N is left to the app ("new event", as in Outlook).
        { label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: () => onNewWindow() },
        { type: 'separator' },
        { role: 'close', label: 'Close Window' },
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    // Cut, copy, paste and undo in text fields (on macOS they only work through this menu).
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(developing ? [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
