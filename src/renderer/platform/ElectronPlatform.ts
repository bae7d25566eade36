import { ipcResultSchemas } from '../../shared/ipc/ipcSchemas';
import type { FetchIcsRequest, FetchIcsResult } from '../../shared/ipc/fetchIcs';
import type { ScheduledReminder } from '../../shared/ipc/ScheduledReminder';
import type { AppInfo, TesseraBridge } from '../../shared/ipc/TesseraBridge';
import type { Platform } from './Platform';

/** The desktop app: every call goes over the preload's bridge to the main process. */
export class ElectronPlatform implements Platform {
  readonly kind = 'electron';

  constructor(private readonly bridge: TesseraBridge) {}

  async appInfo(): Promise<AppInfo> {
    return ipcResultSchemas.appInfo.parse(await this.bridge.appInfo());
  }

  async openExternal(url: string): Promise<boolean> {
    try {
      return ipcResultSchemas.openExternal.parse(await this.bridge.openExternal(url));
    } catch (err) {
      console.warn('openExternal failed:', err);
      return false;
    }
  }

  async loadSession(profile: string): Promise<string | null> {
    // An older preload without the action: no stored session.
    if (typeof this.bridge.loadSession !== 'function') return null;
    try {
      return ipcResultSchemas.loadSession.parse(await this.bridge.loadSession(profile));
    } catch (err) {
      console.warn('loadSession failed:', err);
      return null;
    }
  }

  async saveSession(profile: string, session: string | null): Promise<boolean> {
    if (typeof this.bridge.saveSession !== 'function') return false;
    try {
      return ipcResultSchemas.saveSession.parse(await this.bridge.saveSession(profile, session));
    } catch (err) {
      console.warn('saveSession failed:', err);
      return false;
    }
  }

  async fetchIcs(request: FetchIcsRequest): Promise<FetchIcsResult> {
    if (typeof this.bridge.fetchIcs !== 'function') return { status: 'error', message: 'This version of the app cannot fetch calendar addresses.' };
    try {
      return ipcResultSchemas.fetchIcs.parse(await this.bridge.fetchIcs(request));
    } catch (err) {
      console.warn('fetchIcs failed:', err);
      return { status: 'error', message: 'The address could not be fetched.' };
    }
  }

  async scheduleReminders(profile: string, reminders: ScheduledReminder[]): Promise<boolean> {
    // An older preload without the action: the page shows reminders itself.
    if (typeof this.bridge.scheduleReminders !== 'function') return false;
    try {
      return ipcResultSchemas.scheduleReminders.parse(await this.bridge.scheduleReminders(profile, reminders));
    } catch (err) {
      console.warn('scheduleReminders failed:', err);
      return false;
    }
  }

  async notify(title: string, body: string): Promise<boolean> {
    try {
      return ipcResultSchemas.notify.parse(await this.bridge.notify(title, body));
    } catch (err) {
      console.warn('notify failed:', err);
      return false;
    }
  }
}
