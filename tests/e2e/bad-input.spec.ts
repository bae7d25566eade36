import { allTimedEvents, clickSlot, countUpdates, goToDate, indexedTitles, save, timedEvent, timeOf, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';

test('an end before the start is explained in the dialog and nothing is saved', async ({ app }) => {
  const { page } = app;
  await goToDate(page, WEEK.wed);
  const updatesBefore = await countUpdates(page);

  const dialog = await clickSlot(page, WEEK.tue, '10:00');
  await dialog.getByLabel('Title', { exact: true }).fill('Backwards');
  await dialog.getByLabel('End time').fill('09:00');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();

  const message = dialog.getByRole('alert');
  await expect(message).toBeVisible();
  await expect(message).toContainText('ends');
  await expect(message).toContainText('before it starts');
  // The dialog stays open with what was typed.
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Title', { exact: true })).toHaveValue('Backwards');
  expect(await countUpdates(page)).toBe(updatesBefore);
  expect(await indexedTitles(page)).toEqual([]);

  // Fixing the end saves it.
  await dialog.getByLabel('End time').fill('11:30');
  await save(dialog);
  await expect(timeOf(timedEvent(page, WEEK.tue, 'Backwards'))).toHaveText('10:00 - 11:30');
  expect(await countUpdates(page)).toBeGreaterThan(updatesBefore);
  expect(await indexedTitles(page)).toEqual(['Backwards']);
});

test('a 1 MB title is refused with a message naming the limit', async ({ app }) => {
  const { page } = app;
  await goToDate(page, WEEK.wed);
  const updatesBefore = await countUpdates(page);

  const dialog = await clickSlot(page, WEEK.tue, '10:00');
  const title = dialog.getByLabel('Title', { exact: true });
  // As a paste would: the whole value at once, through the input event React listens to.
  await title.evaluate((input: HTMLInputElement) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setValue.call(input, 'x'.repeat(1024 * 1024));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  expect(await title.evaluate((input: HTMLInputElement) => input.value.length)).toBe(1024 * 1024);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();

  const message = dialog.getByRole('alert');
  await expect(message).toBeVisible();
  await expect(message).toContainText('Title is 1,048,576 characters');
  await expect(message).toContainText('the limit is 1,000');
  await expect(dialog).toBeVisible();
  expect(await countUpdates(page)).toBe(updatesBefore);
  expect(await indexedTitles(page)).toEqual([]);

  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(allTimedEvents(page)).toHaveCount(0);
  expect(await countUpdates(page)).toBe(updatesBefore);
});
