import { allTimedEvents, clickSlot, indexedTitles, dragEventTo, editor, goToDate, resizeEventBy, save, timedEvent, timeOf, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';

test('create an event in an empty slot, edit it, drag it, resize it and delete it', async ({ app }) => {
  const { page } = app;
  await goToDate(page, WEEK.wed);

  // Create: a click on Tuesday 10:00 opens a one-hour event there.
  const created = await clickSlot(page, WEEK.tue, '10:00');
  await expect(created.getByLabel('Start date')).toHaveValue(WEEK.tue);
  await expect(created.getByLabel('Start time')).toHaveValue('10:00');
  await expect(created.getByLabel('End date')).toHaveValue(WEEK.tue);
  await expect(created.getByLabel('End time')).toHaveValue('11:00');
  await created.getByLabel('Title', { exact: true }).fill('Team sync');
  await created.getByLabel('Location', { exact: true }).fill('Room 4');
  await save(created);

  let event = timedEvent(page, WEEK.tue, 'Team sync');
  await expect(event).toHaveCount(1);
  await expect(timeOf(event)).toHaveText('10:00 - 11:00');
  await expect(event.locator('.ev-location')).toHaveText('Room 4');
  await expect(allTimedEvents(page)).toHaveCount(1);

  // Edit: new title, start moved to 13:00 (the end follows, keeping the hour).
  await event.click();
  const edit = editor(page);
  await expect(edit).toHaveAccessibleName('Edit event');
  await expect(edit.getByLabel('Title', { exact: true })).toHaveValue('Team sync');
  await expect(edit.getByLabel('Location', { exact: true })).toHaveValue('Room 4');
  await edit.getByLabel('Title', { exact: true }).fill('Planning');
  await edit.getByLabel('Start time').fill('13:00');
  await expect(edit.getByLabel('End time')).toHaveValue('14:00');
  await save(edit);

  event = timedEvent(page, WEEK.tue, 'Planning');
  await expect(timeOf(event)).toHaveText('13:00 - 14:00');
  await expect(timedEvent(page, WEEK.tue, 'Team sync')).toHaveCount(0);
  await expect(allTimedEvents(page)).toHaveCount(1);

  // Drag: Tuesday 13:00 -> Thursday 15:30.
  await dragEventTo(page, event, WEEK.thu, '15:30');
  event = timedEvent(page, WEEK.thu, 'Planning');
  await expect(timeOf(event)).toHaveText('15:30 - 16:30');
  await expect(timedEvent(page, WEEK.tue)).toHaveCount(0);
  await expect(allTimedEvents(page)).toHaveCount(1);

  // Resize: the bottom edge three half-hour slots down.
  await resizeEventBy(page, event, 3);
  await expect(timeOf(event)).toHaveText('15:30 - 18:00');

  // The drag and the resize were saved, not just drawn.
  await app.reload();
  await goToDate(page, WEEK.wed);
  event = timedEvent(page, WEEK.thu, 'Planning');
  await expect(timeOf(event)).toHaveText('15:30 - 18:00');
  await event.click();
  const reopened = editor(page);
  await expect(reopened.getByLabel('Start date')).toHaveValue(WEEK.thu);
  await expect(reopened.getByLabel('Start time')).toHaveValue('15:30');
  await expect(reopened.getByLabel('End date')).toHaveValue(WEEK.thu);
  await expect(reopened.getByLabel('End time')).toHaveValue('18:00');
  await expect(reopened.getByLabel('Location', { exact: true })).toHaveValue('Room 4');

  // Delete.
  await reopened.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(reopened).toBeHidden();
  await expect(allTimedEvents(page)).toHaveCount(0);
  // Gone from disk too (an empty grid right after a reload could just mean "not loaded yet").
  expect(await indexedTitles(page)).toEqual([]);
});
