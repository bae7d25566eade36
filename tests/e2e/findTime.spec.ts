import type { Page } from '@playwright/test';
import { createEvent, goToDate, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';
import { openDevice, relayAdmin, signIn, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * Find a time through the real relay: two colleagues (Berlin and New York) set
 * their working hours in Settings and have events in their calendars; the
 * organiser, whose organisation lets everyone see everyone's availability, opens
 * Find a time for them and gets the one slot both can make.
 *
 * Monday 10 June 2030 (both on summer time): Berlin 09:00-17:00 is 07:00-15:00 UTC,
 * New York 09:00-17:30 is 13:00-21:30 UTC, so they share 15:00-17:00 Berlin time.
 * Bob is busy 15:00-16:00 Berlin, Carol 10:30-11:30 New York (16:30-17:30 Berlin):
 * 16:00-16:30 Berlin is the only half hour left.
 */


async function openWorkingHours(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const section = settings.getByRole('region', { name: 'Working hours' });
  await expect(section.getByLabel('Working time zone')).toBeVisible();
  return { settings, section };
}

test('find a time proposes a slot every required attendee can make, in their hours, clear of their events', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(150_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, run } = relayRun(baseURL);
  const org = `Schedule ${run}`;
  const ada = `ada-${run}@tessera.test`;
  const bob = `bob-${run}@tessera.test`;
  const carol = `carol-${run}@tessera.test`;
  await addPerson(org, ada, 'Ada Organiser');
  await addPerson(org, bob, 'Bob Berlin');
  await addPerson(org, carol, 'Carol NewYork');
  await relayAdmin('set-default', '--org', org, '--level', 'availability');

  const devices: Device[] = [];
  try {
    // Bob, in Berlin: an event 15:00-16:00, then sign in (his calendar goes up to the relay) and set his hours.
    const b = await openDevice(browser, 'bob', { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport });
    devices.push(b);
    await goToDate(b.page, WEEK.mon);
    await createEvent(b.page, WEEK.mon, '15:00', { title: 'Bob’s customer call' });
    await signIn(b.page, origin, bob, PASSWORD);
    {
      const { settings, section } = await openWorkingHours(b.page);
      await section.getByLabel('Working time zone').selectOption('Europe/Berlin');
      // Fridays off: a change, so the profile (zone and Mon-Thu 09:00-17:00) is saved.
      await section.getByRole('checkbox', { name: 'Friday' }).uncheck();
      await expect(section.getByRole('status')).toContainText('Saved');
      await settings.getByRole('button', { name: 'Close' }).click();
    }

    // Carol, in New York: an event 10:30-11:30 her time, hours 09:00-17:30 on Mondays.
    const c = await openDevice(browser, 'carol', { baseURL, locale: 'en-GB', timezoneId: 'America/New_York', viewport });
    devices.push(c);
    await goToDate(c.page, WEEK.mon);
    await createEvent(c.page, WEEK.mon, '10:30', { title: 'Carol’s dentist' });
    await signIn(c.page, origin, carol, PASSWORD);
    {
      const { settings, section } = await openWorkingHours(c.page);
      await section.getByLabel('Working time zone').selectOption('America/New_York');
      await section.getByLabel('Monday end').fill('17:30');
      await expect(section.getByRole('status')).toContainText('Saved');
      await settings.getByRole('button', { name: 'Close' }).click();
    }

    // Ada, in Berlin, looks for half an hour with both on that Monday.
    const a = await openDevice(browser, 'ada', { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport });
    devices.push(a);
    await signIn(a.page, origin, ada, PASSWORD);
    await a.page.getByRole('button', { name: 'Find a time', exact: true }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Find a time' });
    await expect(dialog).toBeVisible();
    for (const name of ['Bob Berlin', 'Carol NewYork']) {
      await dialog.getByRole('combobox', { name: 'Add attendee' }).fill(name.split(' ')[0]!);
      await dialog.getByRole('option', { name: new RegExp(name) }).click();
    }
    await dialog.getByLabel('From', { exact: true }).fill(WEEK.mon);
    await dialog.getByLabel('To', { exact: true }).fill(WEEK.mon);
    await expect(dialog.getByLabel('Duration', { exact: true })).toHaveValue('30');

    // Their calendars sync quietly on first use; the suggestion appears once they have.
    const suggestions = dialog.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
    await expect(suggestions).toHaveCount(1, { timeout: 45_000 });
    await expect(suggestions.first()).toHaveAccessibleName('Mon 10 Jun 16:00-16:30, all required free');

    // The grid shows each person with their local time at the suggestion.
    const grid = dialog.getByRole('region', { name: 'Schedules' });
    await expect(grid.getByRole('group', { name: 'Bob Berlin' })).toContainText('16:00');
    await expect(grid.getByRole('group', { name: 'Carol NewYork' })).toContainText('10:00');
    await suggestions.first().click();
    await dialog.screenshot({ path: test.info().outputPath('h5-find-time.png') });
    // Nothing of theirs beyond availability was needed, and nothing was shown: no titles in the dialog.
    await expect(dialog).not.toContainText('customer call');
    await expect(dialog).not.toContainText('dentist');

    for (const d of devices) expect(d.errors).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});
