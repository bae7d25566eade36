import { test as base, expect, type BrowserContext, type Page, type Route } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The offline fixture every spec uses. Tessera is offline-first, so the tests
 * run it the way a person on a plane would: the app is loaded once from the
 * test server, and from then on the browser context has no network at all
 * (`context.setOffline(true)`).
 *
 * Reloads and second windows still need the app's own files. Electron loads
 * them from its bundle, not from a network; here a context route plays that
 * part and fulfils them from dist-web/ on disk. Playwright's routes run in the
 * browser's request interception, before Chromium's offline emulation would
 * fail the request, so a routed reload needs no network (the self-test in
 * offline.spec.ts shows both halves: an unrouted request fails, a reload works).
 *
 * Every request to anything but the app's own origin is recorded, aborted, and
 * fails the test at teardown: the app must never reach out on its own.
 * Uncaught page errors fail the test too.
 */

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist-web');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface OfflineApp {
  page: Page;
  context: BrowserContext;
  /** The app's origin, e.g. http://127.0.0.1:5317. */
  origin: string;
  /** Requests that left for another origin (must stay empty). */
  foreignRequests: string[];
  /** App-origin requests made while offline that no file on disk could answer. */
  unservedRequests: string[];
  /** App-origin requests answered from dist-web/ while offline. */
  servedFromDisk: string[];
  /** Reloads the page with the network off; resolves when the calendar is drawn again. */
  reload: (page?: Page) => Promise<void>;
  /** A second window of the same profile (same context, same IndexedDB), opened offline. */
  openWindow: () => Promise<Page>;
}

/** Waits until the calendar grid is drawn. */
export async function waitForApp(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Today', exact: true })).toBeVisible();
  await expect(page.locator('.fc-view')).toBeVisible();
}

/** The file under dist-web/ a request path names, or null. */
function fileFor(pathname: string): string | null {
  const rel = pathname === '/' || pathname === '' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = path.resolve(distDir, rel);
  if (!file.startsWith(distDir + path.sep)) return null;
  return file;
}

let cspHeader: string | null = null;

/** The same Content-Security-Policy header scripts/web.mjs sends, read from the built index.html. */
async function contentSecurityPolicy(): Promise<string> {
  if (cspHeader) return cspHeader;
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  if (!m) throw new Error('dist-web/index.html has no Content-Security-Policy meta tag');
  cspHeader = `${m[1]}; frame-ancestors 'none'`;
  return cspHeader;
}

export const test = base.extend<{ app: OfflineApp }>({
  app: async ({ page, context, baseURL }, use) => {
    if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
    const origin = new URL(baseURL).origin;
    const foreignRequests: string[] = [];
    const unservedRequests: string[] = [];
    const servedFromDisk: string[] = [];
    const pageErrors: string[] = [];
    let offline = false;

    const watch = (p: Page) => p.on('pageerror', (err) => pageErrors.push(`${err.name}: ${err.message}`));
    watch(page);
    context.on('page', watch);
    context.on('request', (req) => {
      const url = req.url();
      // data: and blob: URLs are not network requests.
      if (/^(data|blob):/.test(url)) return;
      if (new URL(url).origin !== origin) foreignRequests.push(url);
    });

    await context.route('**/*', async (route: Route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) {
        await route.abort('blockedbyclient');
        return;
      }
      // Online (the first load): the real test server answers.
      if (!offline) {
        await route.continue();
        return;
      }
      // Offline: the app's own files come from disk, like Electron's bundle.
      const file = fileFor(url.pathname);
      let body: Buffer | null = null;
      if (file) body = await readFile(file).catch(() => null);
      if (!body) {
        // The relay's API and sync sockets are network by nature: the app tries
        // them (to find a relay on its own origin, to sync) and must carry on when
        // they fail. Anything else unanswered offline is an app file missing from disk.
        if (!/^\/(api|sync)\//.test(url.pathname)) unservedRequests.push(url.href);
        // Let it go on to the (offline) network, where it fails: nothing is faked.
        await route.continue();
        return;
      }
      servedFromDisk.push(url.pathname);
      const ext = path.extname(file!).toLowerCase();
      const headers: Record<string, string> = { 'content-type': MIME[ext] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' };
      if (ext === '.html') headers['content-security-policy'] = await contentSecurityPolicy();
      await route.fulfill({ status: 200, body, headers });
    });

    await page.goto('/');
    await waitForApp(page);
    await context.setOffline(true);
    offline = true;

    const app: OfflineApp = {
      page,
      context,
      origin,
      foreignRequests,
      unservedRequests,
      servedFromDisk,
      reload: async (p = page) => {
        await p.reload();
        await waitForApp(p);
      },
      openWindow: async () => {
        const p = await context.newPage();
        await p.goto(`${origin}/`);
        await waitForApp(p);
        return p;
      },
    };
    await use(app);

    expect(foreignRequests, 'requests to other origins').toEqual([]);
    expect(unservedRequests, 'app requests made offline that dist-web/ could not answer').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
