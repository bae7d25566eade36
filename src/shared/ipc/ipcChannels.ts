import type { TesseraBridge } from './TesseraBridge';

/**
 * One `ipcRenderer.invoke` channel per bridge function. Pure constants, so the
 * preload can import them without bundling a schema library into itself.
 */
export const IPC_CHANNELS = {
  appInfo: 'tessera:app-info',
  openExternal: 'tessera:open-external',
  notify: 'tessera:notify',
  loadSession: 'tessera:load-session',
  saveSession: 'tessera:save-session',
  scheduleReminders: 'tessera:schedule-reminders',
  fetchIcs: 'tessera:fetch-ics',
} as const satisfies Record<keyof TesseraBridge, string>;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
