import type { Page } from '@playwright/test';
import { clickSlot, editor, goToDate, save, timedEvent, timeOf } from './support/calendar';
import { expect, test } from './support/offlineTest';

// A weekly standup on Mondays and Wednesdays at 09:00, from Monday 10 June 2030.
// Week 2: Monday's occurrence moves to 11:00 on its own. Week 3: Monday's is deleted.
// Wednesday's occurrences stay, and show the grid has loaded before an absence is checked.
const WEEKS = [
  { mon: '2030-06-10', wed: '2030-06-12' },
  { mon: '2030-06-17', wed: '2030-06-19' },
  { mon: '2030-06-24', wed: '2030-06-26' },
  { mon: '2030-07-01', wed: '2030-07-03' },
  { mon: '2030-07-08', wed: '2030-07-10' },
] as const;
const TITLE = 'Standup';

async function expectSeriesAsEdited(page: Page): Promise<void> {
  for (const [i, week] of WEEKS.entries()) {
    await goToDate(page, week.wed);
    // Wednesday is untouched everywhere.
    await expect(timeOf(timedEvent(page, week.wed, TITLE)), `week ${i + 1}, Wednesday`).toHaveText('09:00 - 10:00');
    await expect(timedEvent(page, week.wed, TITLE)).toContainText('(repeats)');
    const monday = timedEvent(page, week.mon);
    if (i === 1) {
      await expect(monday, 'week 2, Monday: the moved occurrence').toHaveCount(1);
      await expect(timeOf(monday)).toHaveText('11:00 - 12:00');
      await expect(monday).toContainText(TITLE);
    } else if (i === 2) {
      await expect(monday, 'week 3, Monday: the deleted occurrence').toHaveCount(0);
    } else {
      await expect(monday, `week ${i + 1}, Monday`).toHaveCount(1);
      await expect(timeOf(monday)).toHaveText('09:00 - 10:00');
    }
    // Nothing else anywhere in the week.
    await expect(page.locator('.fc-timegrid-event:not(.fc-event-mirror)')).toHaveCount(i === 2 ? 1 : 2);
  }
}

test('a weekly series with one occurrence moved and one deleted survives a reload', async ({ app }) => {
  const { page } = app;
  await goToDate(page, WEEKS[0].mon);

  const create = await clickSlot(page, WEEKS[0].mon, '09:00');
  await create.getByLabel('Title', { exact: true }).fill(TITLE);
  await create.getByLabel('Repeat', { exact: true }).selectOption('weekly');
  const monday = create.getByRole('checkbox', { name: 'Monday' });
  await expect(monday).toBeChecked();
  await create.getByRole('checkbox', { name: 'Wednesday' }).check();
  await expect(create.locator('.recurrence-summary')).toContainText('Monday');
  await expect(create.locator('.recurrence-summary')).toContainText('Wednesday');
  await save(create);
  await expect(timeOf(timedEvent(page, WEEKS[0].mon, TITLE))).toHaveText('09:00 - 10:00');
  await expect(timeOf(timedEvent(page, WEEKS[0].wed, TITLE))).toHaveText('09:00 - 10:00');

  // Week 2: move Monday's occurrence to 11:00, this occurrence only.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await timedEvent(page, WEEKS[1].mon, TITLE).click();
  const edit = editor(page);
  await expect(edit.getByLabel('Start date')).toHaveValue(WEEKS[1].mon);
  await expect(edit.getByLabel('Repeat', { exact: true })).toHaveValue('weekly');
  await edit.getByLabel('Start time').fill('11:00');
  await expect(edit.getByLabel('End time')).toHaveValue('12:00');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  const editScope = page.getByRole('dialog', { name: 'Edit recurring event' });
  await expect(editScope).toBeVisible();
  await editScope.getByRole('button', { name: 'This occurrence' }).click();
  await expect(edit).toBeHidden();
  await expect(timeOf(timedEvent(page, WEEKS[1].mon, TITLE))).toHaveText('11:00 - 12:00');

  // Week 3: delete Monday's occurrence, this occurrence only.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await timedEvent(page, WEEKS[2].mon, TITLE).click();
  const del = editor(page);
  await expect(del.getByLabel('Start date')).toHaveValue(WEEKS[2].mon);
  await del.getByRole('button', { name: 'Delete', exact: true }).click();
  const deleteScope = page.getByRole('dialog', { name: 'Delete recurring event' });
  await expect(deleteScope).toBeVisible();
  await deleteScope.getByRole('button', { name: 'This occurrence' }).click();
  await expect(del).toBeHidden();
  await expect(timedEvent(page, WEEKS[2].mon)).toHaveCount(0);

  await expectSeriesAsEdited(page);

  await app.reload();
  await expectSeriesAsEdited(page);
});
