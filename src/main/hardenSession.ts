import type { Session } from 'electron';
import { isAppUrl, isPermissionGranted } from './navigationPolicy';

/**
 * Sets the CSP header on the app's pages and answers permission requests.
 *
 * The header reaches pages from the dev server (http) and from the app scheme
 * (whose handler sets it as well); index.html carries the same policy as a
 * <meta> tag, so the page is covered even where a header cannot be added.
 */
export function hardenSession(session: Session, appUrl: string, contentSecurityPolicy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!isDocument || !isAppUrl(details.url, appUrl)) {
      callback({});
      return;
    }
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, appUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin, appUrl));
}
