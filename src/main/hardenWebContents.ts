import type { WebContents } from 'electron';
import { decideNavigation, decideWindowOpen } from './navigationPolicy';
import { openExternalSafely } from './openExternalSafely';

/**
 * Keeps every web contents (windows we create and any other) on the app: no
 * navigation or redirect away from it, no new Electron windows from page
 * script, no <webview>. Links to the web open in the person's browser.
 */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, appUrl);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternally) void openExternalSafely(decision.openExternally);
  });
  contents.on('will-redirect', (event) => {
    if (!decideNavigation(event.url, appUrl).allow) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const { openExternally } = decideWindowOpen(url);
    if (openExternally) void openExternalSafely(openExternally);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
