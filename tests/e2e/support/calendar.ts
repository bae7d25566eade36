import type { Locator, Page } from '@playwright/test';
import { expect } from './offlineTest';

/*
 * Small helpers that drive the calendar as a person would: the "Go to date"
 * field, clicks on empty time slots, mouse drags on events. Times are the
 * grid's wall times in the display zone (Europe/Berlin, from playwright.config.ts).
 *
 * Every test works in a fixed week (Monday 10 June 2030 onwards), reached with
 * the "Go to date" field, so nothing depends on today's date.
 */

export const WEEK = {
  mon: '2030-06-10',
  tue: '2030-06-11',
  wed: '2030-06-12',
  thu: '2030-06-13',
  fri: '2030-06-14',
  sat: '2030-06-15',
  sun: '2030-06-16',
} as const;

/** Types a date into the toolbar's "Go to date" field and waits for the grid to show it. */
export async function goToDate(page: Page, date: string): Promise<void> {
  await page.getByLabel('Go to date').fill(date);
  await expect(page.locator(`.fc-view [data-date="${date}"]`).first()).toBeAttached();
}

/** Centre of the half-hour slot `time` ('HH:mm') on `date` in a day or week view, scrolled into view. */
export async function slotPoint(page: Page, date: string, time: string): Promise<{ x: number; y: number }> {
  const lane = page.locator(`.fc-timegrid-slot-lane[data-time="${time}:00"]`);
  await lane.scrollIntoViewIfNeeded();
  const column = await page.locator(`.fc-timegrid-col[data-date="${date}"]`).boundingBox();
  const row = await lane.boundingBox();
  if (!column || !row) throw new Error(`No slot ${date} ${time} on screen`);
  return { x: column.x + column.width / 2, y: row.y + row.height / 2 };
}

/** Height of one half-hour slot in pixels. */
export async function slotHeight(page: Page): Promise<number> {
  const box = await page.locator('.fc-timegrid-slot-lane').first().boundingBox();
  if (!box) throw new Error('No time grid on screen');
  return box.height;
}

/** The event editor dialog, new or existing. */
export function editor(page: Page): Locator {
  return page.getByRole('dialog', { name: /^(New event|Edit event)$/ });
}

/** Clicks an empty slot and returns the "New event" dialog it opens. */
export async function clickSlot(page: Page, date: string, time: string): Promise<Locator> {
  const p = await slotPoint(page, date, time);
  await page.mouse.click(p.x, p.y);
  const dialog = page.getByRole('dialog', { name: 'New event' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Clicks Save and waits for the dialog to close (a refused save keeps it open) and the grid to be redrawn. */
export async function save(dialog: Locator): Promise<void> {
  await whenSaved(dialog.page(), async () => {
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();
  });
}

/** Creates a timed event by clicking its start slot (one hour long) and filling the dialog. */
export async function createEvent(page: Page, date: string, time: string, fields: { title: string; location?: string; repeat?: string }): Promise<void> {
  const dialog = await clickSlot(page, date, time);
  await dialog.getByLabel('Title', { exact: true }).fill(fields.title);
  if (fields.location !== undefined) await dialog.getByLabel('Location', { exact: true }).fill(fields.location);
  if (fields.repeat !== undefined) await dialog.getByLabel('Repeat', { exact: true }).selectOption(fields.repeat);
  await save(dialog);
  await expect(timedEvent(page, date, fields.title)).toBeVisible();
}

/** Timed events drawn in the column of `date` (day, week and work-week views), optionally by title. */
export function timedEvent(page: Page, date: string, title?: string): Locator {
  const all = page.locator(`.fc-timegrid-col[data-date="${date}"] .fc-timegrid-event:not(.fc-event-mirror)`);
  return title === undefined ? all : all.filter({ has: page.locator('.ev-title', { hasText: exactly(title) }) });
}

/** Every timed event in the visible day or week. */
export function allTimedEvents(page: Page): Locator {
  return page.locator('.fc-timegrid-event:not(.fc-event-mirror)');
}

/** A regular expression matching exactly `text`. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The "HH:mm - HH:mm" line of an event block. */
export function timeOf(event: Locator): Locator {
  return event.locator('.ev-time');
}

/**
 * Drags an event with the mouse so that its start lands on `date` `time`.
 * It is grabbed a few pixels below its top edge (inside its first half-hour
 * slot, clear of the resize handle), and FullCalendar moves it by the
 * distance from that slot to the slot it is dropped on. Intermediate moves
 * let FullCalendar see a drag start and follow the pointer.
 */
export async function dragEventTo(page: Page, event: Locator, date: string, time: string): Promise<void> {
  const drag = await startDrag(page, event, date, time);
  await drag.drop();
}

/** Picks an event up and holds it over `date` `time` with the button still down; `drop()` lets go there and waits for the save. */
export async function startDrag(page: Page, event: Locator, date: string, time: string): Promise<{ drop: () => Promise<void> }> {
  // Target first, then the event: the grid opens scrolled to the current hour, so
  // the target can be out of view, and scrolling to it with the button already
  // down made FullCalendar land one slot off (at some times of day only).
  await page.locator(`.fc-timegrid-slot-lane[data-time="${time}:00"]`).scrollIntoViewIfNeeded();
  await event.scrollIntoViewIfNeeded();
  const box = await event.boundingBox();
  if (!box) throw new Error('Event not on screen');
  const from = { x: box.x + box.width / 2, y: box.y + 5 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 4 });
  const to = await slotPoint(page, date, time);
  await page.mouse.move(to.x, to.y, { steps: 15 });
  return {
    drop: () =>
      whenSaved(page, async () => {
        await page.mouse.move(to.x, to.y + 1);
        await page.mouse.up();
      }),
  };
}

/** Drags an event's bottom edge down by `slots` half-hour slots (negative: up). */
export async function resizeEventBy(page: Page, event: Locator, slots: number): Promise<void> {
  await event.scrollIntoViewIfNeeded();
  await event.hover();
  const handle = await event.locator('.fc-event-resizer-end').boundingBox();
  if (!handle) throw new Error('Event has no resize handle');
  const step = await slotHeight(page);
  // The handle straddles the event's bottom edge; grab its upper part, inside the event's last slot.
  const from = { x: handle.x + handle.width / 2, y: handle.y + 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + Math.sign(slots) * 8, { steps: 4 });
  await page.mouse.move(from.x, from.y + slots * step, { steps: 12 });
  await whenSaved(page, () => page.mouse.up());
}

/**
 * Runs `action` (a drop, a resize, a click that saves) and returns once the
 * change is on disk and the grid has been redrawn from the store. FullCalendar
 * first draws a dropped event where it was dropped; a moment later the store's
 * save makes it fetch and draw every event again, replacing their elements.
 * A gesture that starts in between grabs an element about to go away, so the
 * next step waits for both: the store's "saved" broadcast (it tells other
 * windows of every write, on a BroadcastChannel named after the database),
 * then a quiet grid.
 */
export async function whenSaved(page: Page, action: () => Promise<void>): Promise<void> {
  const listener = await page.evaluateHandle(() => {
    const state = { saves: 0, channel: new BroadcastChannel('tessera:tessera') };
    state.channel.onmessage = () => {
      state.saves += 1;
    };
    return state;
  });
  try {
    await action();
    await page.waitForFunction((state) => state.saves > 0, listener, { polling: 20 });
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const QUIET_MS = 150;
          const view = document.querySelector('.calendar-view') ?? document.body;
          const done = () => {
            observer.disconnect();
            resolve();
          };
          let timer = setTimeout(done, QUIET_MS);
          const observer = new MutationObserver(() => {
            clearTimeout(timer);
            timer = setTimeout(done, QUIET_MS);
          });
          observer.observe(view, { childList: true, subtree: true });
        }),
    );
  } finally {
    await listener.evaluate((state) => state.channel.close());
    await listener.dispose();
  }
}

/** Moves keyboard focus off any field (as a click on empty chrome would), so calendar shortcuts apply. */
export async function focusCalendar(page: Page): Promise<void> {
  await page.locator('.toolbar-title').click();
}

/** Every record of one object store of the app's IndexedDB database ('tessera'), read over a connection of its own. */
export async function readAll<T = unknown>(page: Page, store: string): Promise<T[]> {
  const records = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tessera');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name, 'readonly').objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, store);
  return records as T[];
}

/** Number of stored changes (Yjs updates) of every document: the data itself, not a derived index. */
export async function countUpdates(page: Page): Promise<number> {
  return (await readAll(page, 'updates')).length;
}

/** Titles in the derived occurrence index (one record per calendar and day, each with its rows). */
export async function indexedTitles(page: Page): Promise<string[]> {
  const days = await readAll<{ rows: { title: string }[] }>(page, 'days');
  return [...new Set(days.flatMap((d) => d.rows.map((r) => r.title)))].sort();
}
