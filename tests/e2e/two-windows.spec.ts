import { allTimedEvents, createEvent, dragEventTo, editor, goToDate, save, startDrag, timedEvent, timeOf, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';

test('two windows of one profile see each other’s changes without a reload', async ({ app }) => {
  const first = app.page;
  const second = await app.openWindow();
  await goToDate(first, WEEK.wed);
  await goToDate(second, WEEK.wed);
  await first.bringToFront();

  // Created in the first window, appears in the second.
  await createEvent(first, WEEK.thu, '11:00', { title: 'Shared plan', location: 'Lab' });
  await expect(timeOf(timedEvent(second, WEEK.thu, 'Shared plan'))).toHaveText('11:00 - 12:00');
  await expect(timedEvent(second, WEEK.thu, 'Shared plan').locator('.ev-location')).toHaveText('Lab');

  // Edited in the second window (dialog), appears in the first.
  await second.bringToFront();
  await timedEvent(second, WEEK.thu, 'Shared plan').click();
  const edit = editor(second);
  await edit.getByLabel('Title', { exact: true }).fill('Shared plan v2');
  await save(edit);
  await expect(timeOf(timedEvent(first, WEEK.thu, 'Shared plan v2'))).toHaveText('11:00 - 12:00');

  // Dragged in the first window, moves in the second.
  await first.bringToFront();
  await dragEventTo(first, timedEvent(first, WEEK.thu, 'Shared plan v2'), WEEK.fri, '08:00');
  await expect(timeOf(timedEvent(first, WEEK.fri, 'Shared plan v2'))).toHaveText('08:00 - 09:00');
  await expect(timeOf(timedEvent(second, WEEK.fri, 'Shared plan v2'))).toHaveText('08:00 - 09:00');
  await expect(allTimedEvents(second)).toHaveCount(1);

  // Deleted in the second window, disappears from the first.
  await second.bringToFront();
  await timedEvent(second, WEEK.fri, 'Shared plan v2').click();
  const del = editor(second);
  await del.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(del).toBeHidden();
  await expect(allTimedEvents(first)).toHaveCount(0);
});

test('a change saved in another window while an event is being dragged does not lose the drag', async ({ app }) => {
  const first = app.page;
  const second = await app.openWindow();
  await goToDate(first, WEEK.wed);
  await goToDate(second, WEEK.wed);
  await createEvent(first, WEEK.tue, '10:00', { title: 'Focus time' });
  await expect(timedEvent(second, WEEK.tue, 'Focus time')).toBeVisible();

  // The button is down and the event is over Thursday 14:00 when the other window's change arrives.
  // (A window in the background gets few frames, and each mouse step waits for one: drag in the front window.)
  await first.bringToFront();
  const drag = await startDrag(first, timedEvent(first, WEEK.tue, 'Focus time'), WEEK.thu, '14:00');
  await second.bringToFront();
  await createEvent(second, WEEK.fri, '08:00', { title: 'Meanwhile' });
  await first.bringToFront();
  await expect(timedEvent(first, WEEK.fri, 'Meanwhile')).toBeVisible();
  await drag.drop();

  // Dropped, saved, and drawn once.
  await expect(timeOf(timedEvent(first, WEEK.thu, 'Focus time'))).toHaveText('14:00 - 15:00');
  await expect(timeOf(timedEvent(second, WEEK.thu, 'Focus time'))).toHaveText('14:00 - 15:00');
  await expect(timedEvent(first, WEEK.tue, 'Focus time')).toHaveCount(0);
  await expect(allTimedEvents(first)).toHaveCount(2);
  await app.reload(first);
  await goToDate(first, WEEK.wed);
  await expect(timeOf(timedEvent(first, WEEK.thu, 'Focus time'))).toHaveText('14:00 - 15:00');
  await expect(timeOf(timedEvent(first, WEEK.fri, 'Meanwhile'))).toHaveText('08:00 - 09:00');
  await expect(allTimedEvents(first)).toHaveCount(2);
});
