import path from 'node:path';
import { createEvent, goToDate, save, timedEvent, timeOf, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';

test('the event shows in day, work week, month and agenda views; a second time zone adds a time column', async ({ app }, testInfo) => {
  const { page } = app;
  await goToDate(page, WEEK.wed);

  // A populated week.
  await createEvent(page, WEEK.wed, '10:00', { title: 'Design review', location: 'Studio' });
  await createEvent(page, WEEK.mon, '09:00', { title: 'Standup', repeat: 'daily' });
  await createEvent(page, WEEK.thu, '12:30', { title: 'Lunch with Ana', location: 'Café Luna' });
  await createEvent(page, WEEK.tue, '14:00', { title: 'Budget', location: 'Room 2' });
  await createEvent(page, WEEK.sat, '11:00', { title: 'Climbing' });
  // An all-day event from a click on the all-day row.
  const allDay = page.locator(`.fc-timegrid .fc-daygrid-day[data-date="${WEEK.fri}"]`);
  await allDay.click();
  const offsite = page.getByRole('dialog', { name: 'New event' });
  await expect(offsite.getByLabel('All day')).toBeChecked();
  await offsite.getByLabel('Title', { exact: true }).fill('Team offsite');
  await save(offsite);
  await expect(allDay.locator('.fc-event')).toContainText('Team offsite');
  await expect(timedEvent(page, WEEK.sun, 'Standup')).toBeVisible();

  // For the lead to look at, not an assertion.
  await page.locator('.fc-timegrid-slot-lane[data-time="07:30:00"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'week-view.png') });

  const view = (name: string) => page.getByRole('toolbar', { name: 'Navigation and views' }).getByRole('button', { name, exact: true });

  await view('Day').click();
  await expect(view('Day')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.fc-timegrid-col[data-date]')).toHaveCount(1);
  await goToDate(page, WEEK.wed);
  await expect(timeOf(timedEvent(page, WEEK.wed, 'Design review'))).toHaveText('10:00 - 11:00');
  await expect(timedEvent(page, WEEK.wed, 'Design review').locator('.ev-location')).toHaveText('Studio');

  await view('Work week').click();
  await expect(view('Work week')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.fc-timegrid-col[data-date]')).toHaveCount(5);
  await expect(page.locator(`.fc-timegrid-col[data-date="${WEEK.sat}"]`)).toHaveCount(0);
  await expect(timeOf(timedEvent(page, WEEK.wed, 'Design review'))).toHaveText('10:00 - 11:00');
  await expect(timedEvent(page, WEEK.thu, 'Lunch with Ana')).toBeVisible();

  await view('Month').click();
  await expect(view('Month')).toHaveAttribute('aria-pressed', 'true');
  const wednesday = page.locator(`.fc-daygrid-day[data-date="${WEEK.wed}"]`);
  await expect(wednesday.locator('.fc-event').filter({ hasText: 'Design review' })).toContainText('10:00');
  await expect(page.locator(`.fc-daygrid-day[data-date="${WEEK.fri}"] .fc-event`).filter({ hasText: 'Team offsite' })).toBeVisible();

  await view('Agenda').click();
  await expect(view('Agenda')).toHaveAttribute('aria-pressed', 'true');
  const review = page.locator('.fc-list-event').filter({ hasText: 'Design review' });
  await expect(review).toContainText('10:00 - 11:00');
  await expect(review).toContainText('Studio');
  await expect(page.locator('.fc-list-event').filter({ hasText: 'Standup' })).toHaveCount(7);

  // Back to the week with its keyboard shortcut.
  await page.locator('.toolbar-title').click();
  await page.keyboard.press('w');
  await expect(view('Week')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.fc-timegrid-col[data-date]')).toHaveCount(7);
  await expect(timedEvent(page, WEEK.wed, 'Design review')).toBeVisible();
  await expect(page.locator('.zone-header')).toHaveCount(0);

  // Second time zone.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Second time zone').selectOption('America/New_York');
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(settings).toBeHidden();
  const corner = page.locator('.zone-header');
  await expect(corner).toBeVisible();
  await expect(corner).toHaveAttribute('title', 'Times in America/New_York and Europe/Berlin');
  const tenOClock = page.locator('.fc-timegrid-slot-label[data-time="10:00:00"]');
  await expect(tenOClock.locator('.slot-main')).toHaveText('10:00');
  await expect(tenOClock.locator('.slot-second')).toHaveText('04:00');
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'week-view-two-zones.png') });

  // The corner names each zone as it is in the week shown (summer time in June, standard time in January),
  // whatever today's date. Short names or GMT offsets, depending on the formatting locale.
  await expect(corner.locator('.slot-main')).toHaveText(/^(CEST|GMT\+2)$/);
  await expect(corner.locator('.slot-second')).toHaveText(/^(EDT|GMT-4)$/);
  await goToDate(page, '2031-01-15');
  await expect(corner.locator('.slot-main')).toHaveText(/^(CET|GMT\+1)$/);
  await expect(corner.locator('.slot-second')).toHaveText(/^(EST|GMT-5)$/);
  // And the second clock follows: 10:00 in Berlin is 04:00 in New York in January too (both on standard time).
  await expect(tenOClock.locator('.slot-second')).toHaveText('04:00');
});
