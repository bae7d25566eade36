import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, waitForApp } from './offlineTest';

/*
 * Helpers for tests that sync through the real relay Playwright's webServer
 * runs (scripts/web.mjs: the built web app and the relay on one origin, its
 * data in test-results/e2e-relay-<port>). Each "device" is a browser context of its
 * own, so each has its own IndexedDB profile, like a second computer.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The relay's data directory, as playwright.config.ts passes it to scripts/web.mjs. */
const relayData = path.join(projectRoot, `test-results/e2e-relay-${process.env.TESSERA_E2E_PORT ?? 5317}`);
/** Built by scripts/web.mjs (scripts/buildRelay.mjs) before the relay starts. */
const relayBundle = path.resolve(projectRoot, process.env.TESSERA_RELAY_OUT ?? 'out/relay', 'main.mjs');

const run = promisify(execFile);

/**
 * Runs the relay's admin CLI on the running relay's SQLite file (it picks up
 * the change within about a second) and returns what it printed.
 */
export async function relayAdmin(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [relayBundle, 'admin', ...args, '--data', relayData], { cwd: projectRoot, timeout: 30_000 });
  return stdout;
}

export interface Device {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page; a test fails on any at the end. */
  errors: string[];
}

export interface DeviceOptions {
  baseURL: string;
  locale?: string;
  timezoneId?: string;
  viewport?: { width: number; height: number } | null;
  /** Installs Playwright's clock at this time before the app loads, so every timer of the app runs on it. */
  clock?: number;
}

/** A fresh browser context (its own IndexedDB) with the app open and drawn. */
export async function openDevice(browser: Browser, name: string, options: DeviceOptions): Promise<Device> {
  const context = await browser.newContext({ baseURL: options.baseURL, locale: options.locale, timezoneId: options.timezoneId, viewport: options.viewport });
  if (options.clock !== undefined) await context.clock.install({ time: options.clock });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`${name}: ${err.name}: ${err.message}`));
  await page.goto('/');
  await waitForApp(page);
  return { name, context, page, errors };
}

/** Signs in through Settings › Relay account, with the address the app offers (its own origin), and waits until it is connected. */
export async function signIn(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  const account = settings.getByRole('region', { name: 'Relay account' });
  // The web app served by a relay offers that relay (its own origin) without being told.
  await expect(account.getByLabel('Relay address')).toHaveValue(origin);
  await account.getByLabel('Email', { exact: true }).fill(email);
  await account.getByLabel('Password', { exact: true }).fill(password);
  await account.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(account.getByText(`(${email})`)).toBeVisible({ timeout: 20_000 });
  await expect(account.getByRole('status')).toHaveText(`Connected to ${new URL(origin).host}`, { timeout: 20_000 });
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toBeHidden();
}

/** A calendar's show/hide checkbox in the sidebar; its description is the owner line and the sync line. */
export function calendarCheckbox(page: Page, name: string | RegExp): Locator {
  return page.getByRole('complementary', { name: 'Sidebar' }).getByRole('checkbox', { name, exact: true });
}

/** The sync state line under a calendar's name ("Synced just now", "Offline · 1 change waiting", "Read-only"). */
export function syncLine(page: Page, name: string | RegExp): Locator {
  return page
    .getByRole('complementary', { name: 'Sidebar' })
    .locator('.calendar-item', { has: page.getByRole('checkbox', { name, exact: true }) })
    .locator('.sync-status');
}

/** Waits for a calendar's sync line to say it is in step with the relay. */
export async function expectSynced(page: Page, calendar: string | RegExp): Promise<void> {
  await expect(syncLine(page, calendar)).toHaveText(/^Synced (just now|\d+ s ago)$/, { timeout: 30_000 });
}

/** Opens a calendar's options (the pencil button) and clicks one of its actions ("Share…", "Archive…", …). */
export async function calendarAction(page: Page, calendar: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Options for ${calendar}`, exact: true }).click();
  await page.getByRole('button', { name: action, exact: true }).click();
}

/**
 * Where each of `needles` occurs in the page's IndexedDB: every database of
 * the origin, every object store, every record, with Yjs updates (bytes)
 * decoded as UTF-8 (Yjs stores strings as UTF-8). Returns "db/store" places per
 * needle; a needle found nowhere maps to [].
 */
export async function findInIndexedDb(page: Page, needles: string[]): Promise<Record<string, string[]>> {
  return page.evaluate(async (needles) => {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const flatten = (value: unknown, out: string[]): void => {
      if (value === null || value === undefined) return;
      if (typeof value === 'string') out.push(value);
      else if (value instanceof Uint8Array) out.push(decoder.decode(value));
      else if (value instanceof ArrayBuffer) out.push(decoder.decode(new Uint8Array(value)));
      else if (ArrayBuffer.isView(value)) out.push(decoder.decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
      else if (Array.isArray(value)) for (const v of value) flatten(v, out);
      else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) {
        out.push(k);
        flatten(v, out);
      }
      else out.push(String(value));
    };
    const found: Record<string, string[]> = Object.fromEntries(needles.map((n) => [n, []]));
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        for (const store of Array.from(db.objectStoreNames)) {
          const records = await new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction(store, 'readonly').objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          const text: string[] = [];
          flatten(records, text);
          const all = text.join('\n');
          for (const n of needles) if (all.includes(n)) found[n]!.push(`${info.name}/${store}`);
        }
      } finally {
        db.close();
      }
    }
    return found;
  }, needles);
}

/**
 * Every record of the replica database ('tessera') that belongs to one
 * calendar: its documents' updates, outbox and sync state (`cal/<id>/...`), its
 * derived index (days, indexMeta), its binding and refused edits. "table: key" per record.
 */
export async function calendarRecords(page: Page, calendarId: string): Promise<string[]> {
  return page.evaluate(async (calendarId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tessera');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const prefix = `cal/${calendarId}/`;
    const out: string[] = [];
    try {
      for (const store of Array.from(db.objectStoreNames)) {
        const records = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
          req.onerror = () => reject(req.error);
        });
        for (const r of records) {
          if (typeof r !== 'object' || r === null) continue;
          const docName = typeof r.docName === 'string' ? r.docName : null;
          if (docName?.startsWith(prefix) || r.calendarId === calendarId || r.key === calendarId) out.push(`${store}: ${docName ?? String(r.calendarId ?? r.key)}`);
        }
      }
    } finally {
      db.close();
    }
    return out;
  }, calendarId);
}
