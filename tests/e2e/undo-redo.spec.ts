import type { Page } from '@playwright/test';
import { allTimedEvents, createEvent, editor, focusCalendar, goToDate, save, timedEvent, timeOf, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';

async function expectOriginal(page: Page): Promise<void> {
  await expect(timeOf(timedEvent(page, WEEK.wed, 'Retro'))).toHaveText('15:00 - 16:00');
  await expect(allTimedEvents(page)).toHaveCount(1);
}

async function expectEdited(page: Page): Promise<void> {
  await expect(timeOf(timedEvent(page, WEEK.wed, 'Retro with cake'))).toHaveText('16:30 - 17:30');
  await expect(allTimedEvents(page)).toHaveCount(1);
}

test('undo and redo an edit with the toolbar and with Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y', async ({ app }) => {
  const { page } = app;
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await goToDate(page, WEEK.wed);
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();

  await createEvent(page, WEEK.wed, '15:00', { title: 'Retro' });
  await expect(undo).toBeEnabled();

  await timedEvent(page, WEEK.wed, 'Retro').click();
  const edit = editor(page);
  await edit.getByLabel('Title', { exact: true }).fill('Retro with cake');
  await edit.getByLabel('Start time').fill('16:30');
  await save(edit);
  await expectEdited(page);
  await expect(redo).toBeDisabled();

  // Toolbar.
  await undo.click();
  await expectOriginal(page);
  await expect(redo).toBeEnabled();
  await redo.click();
  await expectEdited(page);
  await expect(redo).toBeDisabled();

  // Keyboard (with focus on the calendar, not in a text field).
  await focusCalendar(page);
  await page.keyboard.press('Control+z');
  await expectOriginal(page);
  await page.keyboard.press('Control+Shift+z');
  await expectEdited(page);
  await page.keyboard.press('Control+z');
  await expectOriginal(page);
  await page.keyboard.press('Control+y');
  await expectEdited(page);

  // Two steps back takes the creation back too; one step forward brings the event back as created.
  await page.keyboard.press('Control+z');
  await expectOriginal(page);
  await page.keyboard.press('Control+z');
  await expect(allTimedEvents(page)).toHaveCount(0);
  await expect(undo).toBeDisabled();
  await page.keyboard.press('Control+Shift+z');
  await expectOriginal(page);

  // The state after undo/redo is what is on disk.
  await app.reload();
  await goToDate(page, WEEK.wed);
  await expectOriginal(page);
});
