import { readFileSync } from 'node:fs';
import { createEvent, editor, goToDate, timedEvent, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';
import { calendarAction, calendarCheckbox, expectSynced, openDevice, relayAdmin, signIn, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * Archive, the event trash, "Export my account" and "Restore from a file…",
 * through the UI against the real relay: a deleted event comes back from
 * "Deleted events…", an archived calendar leaves the sidebar and comes back from
 * Settings › Archive and trash, and a calendar deleted and purged for good comes
 * back from the export file.
 */


test('delete and restore an event; archive and restore a calendar; export the account and restore a purged calendar from it', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, run } = relayRun(baseURL);
  const email = `ada-${run}@tessera.test`;
  await addPerson(`Archive ${run}`, email, 'Ada Lovelace');

  const devices: Device[] = [];
  try {
    const owner = await openDevice(browser, 'owner', { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport });
    devices.push(owner);
    const p = owner.page;
    await signIn(p, origin, email, PASSWORD);
    await expectSynced(p, 'Calendar');
    await goToDate(p, WEEK.mon);
    await createEvent(p, WEEK.wed, '10:00', { title: 'Kickoff' });
    await expectSynced(p, 'Calendar');

    // 1. Delete the event; it comes back from the calendar's "Deleted events…".
    await timedEvent(p, WEEK.wed, 'Kickoff').click();
    await editor(p).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(timedEvent(p, WEEK.wed, 'Kickoff')).toHaveCount(0);
    await expectSynced(p, 'Calendar');
    await calendarAction(p, 'Calendar', 'Deleted events…');
    const trash = p.getByRole('dialog', { name: 'Deleted events · Calendar' });
    const item = trash.getByRole('listitem').filter({ hasText: 'Kickoff' });
    await expect(item).toBeVisible();
    await p.screenshot({ path: test.info().outputPath('o4-deleted-events.png') });
    await item.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(trash.getByRole('status')).toHaveText('“Kickoff” is back in Calendar.');
    await expect(trash.getByText('No deleted events.', { exact: false })).toBeVisible();
    await trash.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(timedEvent(p, WEEK.wed, 'Kickoff')).toBeVisible({ timeout: 15_000 });

    // 2. Archive the calendar: it leaves the sidebar (and the grid) until restored from Settings.
    await calendarAction(p, 'Calendar', 'Archive…');
    await p.getByRole('dialog', { name: 'Archive calendar' }).getByRole('button', { name: 'Archive', exact: true }).click();
    await expect(calendarCheckbox(p, 'Calendar')).toHaveCount(0, { timeout: 15_000 });
    await expect(timedEvent(p, WEEK.wed, 'Kickoff')).toHaveCount(0);
    await p.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = p.getByRole('dialog', { name: 'Settings' });
    const section = settings.getByRole('region', { name: 'Archive and trash' });
    const archived = section.getByRole('list', { name: 'Archived calendars' }).getByRole('listitem').filter({ hasText: 'Calendar' });
    await expect(archived).toBeVisible();
    await section.scrollIntoViewIfNeeded();
    await p.screenshot({ path: test.info().outputPath('o4-settings-archive.png') });

    // 3. Export my account: one versioned file with the calendar in it.
    const download = p.waitForEvent('download');
    await section.getByRole('button', { name: 'Export my account', exact: true }).click();
    const file = await (await download).path();
    const exportText = readFileSync(file, 'utf8');
    const exported = JSON.parse(exportText) as { format: string; version: number; body: { kind: string; calendars: { id: string; name: string; archived: boolean }[] } };
    expect(exported).toMatchObject({ format: 'tessera-export', version: 2, body: { kind: 'account' } });
    expect(exported.body.calendars).toEqual([expect.objectContaining({ name: 'Calendar', archived: true })]);

    await archived.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(section.getByRole('status')).toHaveText('Calendar is back in your calendars.');
    await settings.getByRole('button', { name: 'Close' }).click();
    await expect(calendarCheckbox(p, 'Calendar')).toBeVisible({ timeout: 15_000 });
    await expect(timedEvent(p, WEEK.wed, 'Kickoff')).toBeVisible();

    // 4. Delete the calendar (the confirmation says it can come back), purge it for good, restore it from the file.
    // Tessera keeps at least one calendar, so another one comes first.
    await p.getByRole('button', { name: 'New calendar', exact: true }).click();
    await p.locator('form.calendar-new').getByLabel('Name').fill('Work');
    await p.locator('form.calendar-new').getByRole('button', { name: 'Create', exact: true }).click();
    await expect(calendarCheckbox(p, 'Work')).toBeVisible();
    await calendarAction(p, 'Calendar', 'Delete calendar');
    const confirm = p.getByRole('dialog', { name: 'Delete calendar' });
    await expect(confirm).toContainText('For 30 days you can restore it, with its sharing, from Settings › Archive and trash.');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(calendarCheckbox(p, 'Calendar')).toHaveCount(0, { timeout: 15_000 });
    await expect(timedEvent(p, WEEK.wed, 'Kickoff')).toHaveCount(0);
    const calendarId = exported.body.calendars[0]!.id;
    expect(await relayAdmin('purge', '--calendar', calendarId)).toContain(`Purged calendar ${calendarId}`);
    await p.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings2 = p.getByRole('dialog', { name: 'Settings' });
    const section2 = settings2.getByRole('region', { name: 'Archive and trash' });
    await expect(section2.getByText('No deleted calendars.', { exact: false })).toBeVisible();
    const chooser = section2.getByLabel('Export file to restore');
    // A file that is not an export is refused with its reason, and nothing changes.
    await chooser.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an export') });
    await expect(section2.getByRole('alert')).toHaveText('notes.txt is not a Tessera export (it is not JSON); nothing was restored.');
    await chooser.setInputFiles({ name: 'tessera-account.json', mimeType: 'application/json', buffer: Buffer.from(exportText) });
    await expect(section2.getByRole('status')).toHaveText('1 calendar restored.', { timeout: 15_000 });
    // It was archived when exported, so it comes back archived, and from there into the sidebar.
    const back = section2.getByRole('list', { name: 'Archived calendars' }).getByRole('listitem').filter({ hasText: 'Calendar' });
    await expect(back).toBeVisible({ timeout: 15_000 });
    await section2.scrollIntoViewIfNeeded();
    await p.screenshot({ path: test.info().outputPath('o5-restored-from-file.png') });
    await back.getByRole('button', { name: 'Restore', exact: true }).click();
    await settings2.getByRole('button', { name: 'Close' }).click();
    await expect(calendarCheckbox(p, 'Calendar')).toBeVisible({ timeout: 15_000 });
    await expect(timedEvent(p, WEEK.wed, 'Kickoff')).toBeVisible({ timeout: 15_000 });
    for (const d of devices) expect(d.errors).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});
