import type { Page } from '@playwright/test';
import { checksum } from '../../src/renderer/replica/TesseraDb';
import { createEvent, goToDate, readAll, timedEvent, timeOf, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';

type Damage = 'bad checksum' | 'unreadable bytes';

/**
 * Adds a garbage change to the calendar's update log in IndexedDB, as a bad
 * disk or a buggy writer might, and returns the document it was added to.
 * 'bad checksum': random-looking bytes whose stored checksum does not match.
 * 'unreadable bytes': text that is not a Yjs update, with the checksum the app
 * itself computes (imported from the engine), so only Yjs can tell it is damaged.
 */
async function addGarbageRow(page: Page, damage: Damage): Promise<string> {
  const bytes = damage === 'bad checksum' ? Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff) : [...new TextEncoder().encode('this is not a yjs update at all')];
  const sum = damage === 'bad checksum' ? (checksum(Uint8Array.from(bytes)) + 1) >>> 0 : checksum(Uint8Array.from(bytes));
  return page.evaluate(
    ({ bytes: raw, sum: storedSum }) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('tessera');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const tx = db.transaction('updates', 'readwrite');
            const updates = tx.objectStore('updates');
            const all = updates.getAll();
            let name = '';
            all.onsuccess = () => {
              const row = (all.result as { docName: string }[]).find((r) => /^cal\/[^/]+\/full$/.test(r.docName));
              if (!row) {
                tx.abort();
                return;
              }
              name = row.docName;
              updates.add({ docName: name, update: Uint8Array.from(raw), sum: storedSum });
            };
            tx.oncomplete = () => {
              db.close();
              resolve(name);
            };
            tx.onabort = () => {
              db.close();
              reject(tx.error ?? new Error('no calendar document in updates'));
            };
          } catch (err) {
            db.close();
            reject(err);
          }
        };
      }),
    { bytes, sum },
  );
}

async function quarantined(page: Page): Promise<{ table: string; reason: string; docName: string }[]> {
  const rows = await readAll<{ table: string; reason: string; row: { docName: string } }>(page, 'quarantine');
  return rows.map((q) => ({ table: q.table, reason: q.reason, docName: q.row.docName }));
}

const banner = (page: Page) => page.locator('.main').getByRole('alert');

test('a damaged row in IndexedDB is set aside with a message and the other events still load', async ({ app }) => {
  const { page } = app;
  await goToDate(page, WEEK.wed);
  await createEvent(page, WEEK.wed, '10:00', { title: 'Quarterly review', location: 'Board room' });
  await createEvent(page, WEEK.fri, '14:00', { title: 'Demo' });

  const docName = await addGarbageRow(page, 'bad checksum');
  expect(docName).toMatch(/^cal\/.+\/full$/);

  await app.reload();
  await expect(banner(page)).toContainText(`1 damaged change in "${docName}" could not be read and was set aside; everything else loaded.`);

  await goToDate(page, WEEK.wed);
  await expect(timeOf(timedEvent(page, WEEK.wed, 'Quarterly review'))).toHaveText('10:00 - 11:00');
  await expect(timedEvent(page, WEEK.wed, 'Quarterly review').locator('.ev-location')).toHaveText('Board room');
  await expect(timeOf(timedEvent(page, WEEK.fri, 'Demo'))).toHaveText('14:00 - 15:00');

  // The row was moved to the quarantine table, not thrown away.
  expect(await quarantined(page)).toEqual([{ table: 'updates', reason: 'checksum mismatch', docName }]);

  // Dismissed, and not reported again on the next start (the row is no longer in the log).
  await banner(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner(page)).toBeHidden();
  await app.reload();
  await goToDate(page, WEEK.wed);
  await expect(timedEvent(page, WEEK.wed, 'Quarterly review')).toBeVisible();
  await expect(banner(page)).toHaveCount(0);

  // The calendar is still writable after recovery.
  await createEvent(page, WEEK.thu, '09:00', { title: 'After recovery' });
});

test('a row with a valid checksum that Yjs cannot read is set aside too', async ({ app }) => {
  const { page } = app;
  await goToDate(page, WEEK.wed);
  await createEvent(page, WEEK.wed, '10:00', { title: 'Quarterly review' });
  await createEvent(page, WEEK.fri, '14:00', { title: 'Demo' });

  const docName = await addGarbageRow(page, 'unreadable bytes');
  await app.reload();
  await expect(banner(page)).toContainText(`1 damaged change in "${docName}" could not be read and was set aside`);
  await goToDate(page, WEEK.wed);
  await expect(timeOf(timedEvent(page, WEEK.wed, 'Quarterly review'))).toHaveText('10:00 - 11:00');
  await expect(timeOf(timedEvent(page, WEEK.fri, 'Demo'))).toHaveText('14:00 - 15:00');
  const rows = await quarantined(page);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.docName).toBe(docName);
  expect(rows[0]!.reason).toMatch(/^unreadable change/);
});
