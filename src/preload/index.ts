import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc/ipcChannels';
import type { FetchIcsRequest } from '../shared/ipc/fetchIcs';
import type { ScheduledReminder } from '../shared/ipc/ScheduledReminder';
import { BRIDGE_KEY, type TesseraBridge } from '../shared/ipc/TesseraBridge';

/*
 * contextBridge only: one named function per IPC action, nothing else. The page
 * never sees ipcRenderer, so it can call these channels and no others.
 *
 * This file runs in a sandboxed preload, which cannot be an ES module and can
 * require only `electron` (and a few Node-free modules): electron.vite.config.ts
 * bundles it, with everything it imports, into one CommonJS file, index.cjs.
 */
const bridge = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
  openExternal: (url: string) => ipcRenderer.invoke(IPC_CHANNELS.openExternal, url),
  notify: (title: string, body: string) => ipcRenderer.invoke(IPC_CHANNELS.notify, title, body),
  loadSession: (profile: string) => ipcRenderer.invoke(IPC_CHANNELS.loadSession, profile),
  saveSession: (profile: string, session: string | null) => ipcRenderer.invoke(IPC_CHANNELS.saveSession, profile, session),
  scheduleReminders: (profile: string, reminders: ScheduledReminder[]) => ipcRenderer.invoke(IPC_CHANNELS.scheduleReminders, profile, reminders),
  fetchIcs: (request: FetchIcsRequest) => ipcRenderer.invoke(IPC_CHANNELS.fetchIcs, request),
} satisfies TesseraBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
