import { fetchFeedWith, type FetchIcsRequest, type FetchIcsResult } from '../../shared/ipc/fetchIcs';
import { safeExternalUrl } from '../../shared/ipc/safeExternalUrl';
import type { AppInfo } from '../../shared/ipc/TesseraBridge';
import type { Platform } from './Platform';
import { loadSessionIdb, saveSessionIdb } from './sessionStoreIdb';

export interface WebPlatformOptions {
  /** The app's version, from the build. */
  version: string;
}

/** The same UI in a plain browser (the web client, and the browser tests). */
export class WebPlatform implements Platform {
  readonly kind = 'web';

  constructor(private readonly options: WebPlatformOptions) {}

  appInfo(): Promise<AppInfo> {
    return Promise.resolve({
      name: 'Tessera',
      version: this.options.version,
      platform: 'web',
      runtime: typeof navigator === 'undefined' ? 'browser' : navigator.userAgent,
      defaultRelayUrl: null,
    });
  }

  openExternal(raw: string): Promise<boolean> {
    const url = safeExternalUrl(raw);
    if (url === null) return Promise.resolve(false);
    // noopener: the opened page gets no handle back to this one (and window.open
    // then returns null, so a blocked pop-up cannot be told from an opened one).
    window.open(url, '_blank', 'noopener,noreferrer');
    return Promise.resolve(true);
  }

  loadSession(profile: string): Promise<string | null> {
    return loadSessionIdb(profile);
  }

  saveSession(profile: string, session: string | null): Promise<boolean> {
    return saveSessionIdb(profile, session);
  }

  fetchIcs(request: FetchIcsRequest): Promise<FetchIcsResult> {
    // No If-None-Match from here: it is not a CORS-safelisted header, so it would
    // cost a preflight most calendar servers refuse; the HTTP cache revalidates instead.
    return fetchFeedWith((url, init) => fetch(url, { ...init, cache: 'no-cache', credentials: 'omit' }), request, { conditional: false });
  }

  scheduleReminders(): Promise<boolean> {
    // A web page has no process that outlives it: the page shows reminders itself while open.
    return Promise.resolve(false);
  }

  async notify(title: string, body: string): Promise<boolean> {
    if (typeof Notification === 'undefined') return false;
    try {
      let permission = Notification.permission;
      if (permission === 'default') permission = await Notification.requestPermission();
      if (permission !== 'granted') return false;
      new Notification(title.trim() || 'Tessera', { body });
      return true;
    } catch (err) {
      // Some browsers (Chrome on Android) only allow notifications from a service worker.
      console.warn('notify failed:', err);
      return false;
    }
  }
}
