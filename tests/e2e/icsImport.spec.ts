import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseIcs } from '../../src/shared/ics/parseIcs';
import { goToDate, timedEvent, WEEK } from './support/calendar';
import { calendarCheckbox, openDevice, type Device } from './support/relayDevices';

/*
 * ICS in the app, as a person uses it: drop files on a calendar in the list
 * (a real drop: dragenter, dragover and drop events carrying a DataTransfer
 * with the file), read the result dialog, re-import without duplicates, export
 * and read the download back, and subscribe to a feed served by a small HTTP
 * server in this test that later fails.
 */

const CRLF = (lines: string[]) => lines.join('\r\n') + '\r\n';

const GOOD = CRLF([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tessera tests//EN',
  'X-WR-CALNAME:Team fixtures',
  'BEGIN:VEVENT',
  'UID:fixture-1@tessera.test',
  'DTSTAMP:20300101T000000Z',
  'DTSTART;TZID=Europe/Berlin:20300612T100000',
  'DTEND;TZID=Europe/Berlin:20300612T110000',
  'SUMMARY:Imported review',
  'LOCATION:Room 4',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:fixture-2@tessera.test',
  'DTSTAMP:20300101T000000Z',
  'DTSTART;TZID=Europe/Berlin:20300610T083000',
  'DTEND;TZID=Europe/Berlin:20300610T090000',
  'RRULE:FREQ=DAILY;COUNT=5',
  'SUMMARY:Imported standup',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const MALFORMED = CRLF([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tessera tests//EN',
  'BEGIN:VEVENT',
  'UID:ok-1@tessera.test',
  'DTSTAMP:20300101T000000Z',
  'DTSTART;TZID=Europe/Berlin:20300613T140000',
  'DTEND;TZID=Europe/Berlin:20300613T150000',
  'SUMMARY:Readable one',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bad-1@tessera.test',
  'DTSTAMP:20300101T000000Z',
  'DTSTART:2030-06-13 at two',
  'SUMMARY:Broken date',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const FEED = (title: string) =>
  CRLF([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tessera tests//EN',
    'X-WR-CALNAME:Club fixtures',
    'BEGIN:VEVENT',
    'UID:feed-1@tessera.test',
    'DTSTAMP:20300101T000000Z',
    'DTSTART;TZID=Europe/Berlin:20300611T180000',
    'DTEND;TZID=Europe/Berlin:20300611T193000',
    `SUMMARY:${title}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ]);

/** Drops a file on an element the way a browser does: dragenter, dragover, drop, with the file in a DataTransfer. */
async function dropFile(page: Page, target: Locator, name: string, content: string, type = 'text/calendar'): Promise<void> {
  const data = await page.evaluateHandle(
    ({ name, content, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type }));
      return dt;
    },
    { name, content, type },
  );
  for (const event of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(event, { dataTransfer: data });
}

function calendarItem(page: Page, name: string): Locator {
  return page.getByRole('complementary', { name: 'Sidebar' }).locator('.calendar-item', { has: page.getByRole('checkbox', { name, exact: true }) });
}

async function openOptions(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Options for ${name}` }).click();
}

let device: Device;

test.afterEach(async () => {
  expect(device.errors).toEqual([]);
  await device.context.close();
});

test('drop .ics files on a calendar: events in the grid, skipped items reported, re-import adds nothing, export reads back', async ({ browser, baseURL }, testInfo) => {
  device = await openDevice(browser, 'importer', { baseURL: baseURL!, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  const { page } = device;
  await goToDate(page, WEEK.wed);

  await dropFile(page, calendarItem(page, 'Calendar'), 'team.ics', GOOD);
  const dialog = page.getByRole('dialog', { name: 'Import calendar' });
  await expect(dialog.getByRole('status')).toHaveText('Imported 2 events (created 2, updated 0) into “Calendar”.');
  await expect(dialog.getByText('Nothing was skipped.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(timedEvent(page, WEEK.wed, 'Imported review')).toBeVisible();
  for (const day of [WEEK.mon, WEEK.tue, WEEK.wed, WEEK.thu, WEEK.fri]) await expect(timedEvent(page, day, 'Imported standup')).toHaveCount(1);
  await expect(timedEvent(page, WEEK.sat, 'Imported standup')).toHaveCount(0);

  // The same file again: updated by UID, never duplicated.
  await dropFile(page, calendarItem(page, 'Calendar'), 'team.ics', GOOD);
  await expect(dialog.getByRole('status')).toHaveText('Imported 2 events (created 0, updated 0, unchanged 2) into “Calendar”.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(timedEvent(page, WEEK.wed, 'Imported review')).toHaveCount(1);
  await expect(timedEvent(page, WEEK.thu, 'Imported standup')).toHaveCount(1);

  // A malformed file: what can be read is imported, the rest is listed with its line and reason.
  await dropFile(page, calendarItem(page, 'Calendar'), 'broken.ics', MALFORMED);
  await expect(dialog.getByRole('status')).toHaveText('Imported 1 event (created 1, updated 0) into “Calendar”.');
  const skipped = dialog.getByRole('region', { name: 'Skipped' });
  await expect(skipped.getByRole('row', { name: /Broken date/ })).toBeVisible();
  await expect(skipped.getByRole('row', { name: /Broken date/ }).getByRole('cell').first()).toHaveText('11');
  await page.screenshot({ path: path.join(testInfo.outputDir, 'import-skipped.png') });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(timedEvent(page, WEEK.thu, 'Readable one')).toBeVisible();

  // A large file is parsed in the worker and written in batches.
  const many = Array.from({ length: 3_000 }, (_, i) => ['BEGIN:VEVENT', `UID:bulk-${i}@tessera.test`, 'DTSTAMP:20300101T000000Z', `DTSTART:2031${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}T090000Z`, 'DURATION:PT30M', `SUMMARY:Bulk ${i}`, 'END:VEVENT']).flat();
  await dropFile(page, calendarItem(page, 'Calendar'), 'bulk.ics', CRLF(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tessera tests//EN', ...many, 'END:VCALENDAR']));
  await expect(dialog.getByRole('status')).toHaveText('Imported 3000 events (created 3000, updated 0) into “Calendar”.', { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Not a calendar at all: one clear sentence, nothing imported.
  await dropFile(page, calendarItem(page, 'Calendar'), 'photo.ics', '\u0089PNG\r\n\u001a\n binary', 'image/png');
  await expect(dialog.getByRole('alert')).toContainText('not an iCalendar (.ics) file');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Export the whole calendar and read the download back with the same parser.
  await openOptions(page, 'Calendar');
  await page.getByRole('button', { name: 'Export .ics…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export calendar' });
  const downloading = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Calendar.ics');
  const exported = parseIcs(await readFile((await download.path())!, 'utf8'));
  expect(exported.skipped).toEqual([]);
  expect(exported.events).toHaveLength(3_003);
  expect(exported.events.filter((e) => !e.what.title.startsWith('Bulk')).map((e) => e.what.title).sort()).toEqual(['Imported review', 'Imported standup', 'Readable one']);
  expect(exported.events.find((e) => e.uid === 'fixture-2@tessera.test')?.when).toMatchObject({ start: '2030-06-10T08:30:00', tzid: 'Europe/Berlin', rrule: 'FREQ=DAILY;COUNT=5' });
});

test('menu import into a new calendar named from the file', async ({ browser, baseURL }, testInfo) => {
  device = await openDevice(browser, 'menu', { baseURL: baseURL!, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  const { page } = device;
  await goToDate(page, WEEK.wed);
  await page.getByRole('button', { name: 'Add calendar' }).click();
  await page.getByRole('menuitem', { name: 'Import .ics…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import calendar' });
  await dialog.getByLabel('Calendar file (.ics)').setInputFiles({ name: 'team.ics', mimeType: 'text/calendar', buffer: Buffer.from(GOOD) });
  await expect(dialog.getByLabel('Name of the new calendar')).toHaveValue('Team fixtures');
  await page.screenshot({ path: path.join(testInfo.outputDir, 'import-choose.png') });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Imported 2 events (created 2, updated 0) into “Team fixtures”.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(calendarCheckbox(page, 'Team fixtures')).toBeChecked();
  await expect(timedEvent(page, WEEK.wed, 'Imported review')).toBeVisible();

  // Dropped on the grid: into the first calendar shown that the person may write to.
  await dropFile(page, page.locator('main.main'), 'broken.ics', MALFORMED);
  await expect(dialog.getByRole('status')).toHaveText('Imported 1 event (created 1, updated 0) into “Calendar”.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(timedEvent(page, WEEK.thu, 'Readable one')).toBeVisible();
});

test('subscribe to a feed: its events show, read-only, and a failing server shows an error with the last good copy kept', async ({ browser, baseURL }, testInfo) => {
  let mode: 'ok' | 'fail' = 'ok';
  let title = 'Club training';
  const requests: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.headers['if-none-match']);
    const headers = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag, Last-Modified' };
    if (mode === 'fail') {
      res.writeHead(503, headers).end('down');
      return;
    }
    const body = FEED(title);
    const etag = `"${Buffer.from(title).toString('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ...headers, ETag: etag }).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8', ETag: etag, 'Cache-Control': 'no-cache' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/club.ics`;
  try {
    device = await openDevice(browser, 'subscriber', { baseURL: baseURL!, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    const { page } = device;
    await goToDate(page, WEEK.wed);
    await page.getByRole('button', { name: 'Add calendar' }).click();
    await page.getByRole('menuitem', { name: 'Subscribe to a calendar address…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Subscribe to a calendar' });
    await dialog.getByLabel('Calendar address').fill(feedUrl);
    await expect(dialog.getByLabel('Refresh')).toHaveValue('15');
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    await expect(dialog).toBeHidden();
    await expect(calendarCheckbox(page, 'Club fixtures')).toBeChecked();
    await expect(timedEvent(page, WEEK.tue, 'Club training')).toBeVisible();
    await expect(calendarItem(page, 'Club fixtures').locator('.subscription-status')).toContainText('Subscribed · refreshed');

    // Read-only: the event opens as view-only.
    await timedEvent(page, WEEK.tue, 'Club training').click();
    const viewer = page.getByRole('dialog', { name: /event/i });
    await expect(viewer.getByText(/You can view this calendar/)).toBeVisible();
    await viewer.getByRole('button', { name: 'Close' }).first().click();

    // The feed changes: Refresh now brings the new title, replacing the old event by UID.
    title = 'Club match';
    await openOptions(page, 'Club fixtures');
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(timedEvent(page, WEEK.tue, 'Club match')).toBeVisible();
    await expect(timedEvent(page, WEEK.tue, 'Club training')).toHaveCount(0);

    // The server fails: the error shows on the calendar, the last good copy stays.
    mode = 'fail';
    await page.getByRole('button', { name: 'Refresh now' }).click();
    const status = calendarItem(page, 'Club fixtures').locator('.subscription-status');
    await expect(status).toContainText("Could not refresh: The calendar's server had a problem (HTTP 503).");
    await expect(status).toContainText('Showing the copy from');
    await expect(timedEvent(page, WEEK.tue, 'Club match')).toBeVisible();
    await page.screenshot({ path: path.join(testInfo.outputDir, 'subscription-error.png') });
  } finally {
    server.close();
  }
});
