import { safeExternalUrl } from '../shared/ipc/safeExternalUrl';

/**
 * Where the app's windows may go. Pure functions, so they are unit-tested
 * without Electron; `hardenWebContents.ts` wires them to the events.
 */

/**
 * True when `candidate` is served by the app itself: same scheme and host (with
 * port) as `appUrl`, the dev server's URL or the bundled-files scheme. Compared
 * by parts because `URL.origin` is "null" for custom schemes.
 */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  try {
    const c = new URL(candidate);
    const a = new URL(appUrl);
    return c.protocol === a.protocol && c.host === a.host && c.host !== '' && c.username === '' && c.password === '';
  } catch {
    return false;
  }
}

export type NavigationDecision =
  | { allow: true }
  /** Denied; `openExternally` is the URL to hand to the OS instead, if it is safe to. */
  | { allow: false; openExternally: string | null };

/**
 * A window may only navigate within the app. A link to the web (or a mailto:)
 * opens in the person's browser or mail client instead; anything else is dropped.
 */
export function decideNavigation(targetUrl: string, appUrl: string): NavigationDecision {
  if (isAppUrl(targetUrl, appUrl)) return { allow: true };
  return { allow: false, openExternally: safeExternalUrl(targetUrl) };
}

/**
 * `window.open` and target=_blank never create an Electron window (a new app
 * window comes from the menu). Web and mailto links go to the OS instead.
 */
export function decideWindowOpen(targetUrl: string): { openExternally: string | null } {
  return { openExternally: safeExternalUrl(targetUrl) };
}

/**
 * Permissions the app's own pages may have. Everything else (camera, location,
 * notifications through the web API, and so on) is refused: the app asks the
 * main process for what it needs over IPC.
 */
const GRANTED_PERMISSIONS = new Set([
  // Copying text (e.g. unsaved changes) to the clipboard.
  'clipboard-sanitized-write',
  // Keep IndexedDB from being evicted under storage pressure: the replica is the data.
  'persistent-storage',
  // A self-hosted relay may be on the local network or this machine.
  'local-network-access',
  'local-network',
  'loopback-network',
]);

export function isPermissionGranted(permission: string, requestingUrl: string, appUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, appUrl);
}
