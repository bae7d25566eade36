import type { Page } from '@playwright/test';
import path from 'node:path';
import { clickSlot, dragEventTo, editor, goToDate, readAll, save, timedEvent, timeOf, WEEK } from './support/calendar';
import { expect, test, waitForApp } from './support/offlineTest';
import { calendarAction, calendarCheckbox, calendarRecords, expectSynced, findInIndexedDb, openDevice, relayAdmin, signIn, syncLine, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * Sharing a calendar through the real relay, with three browser contexts (three
 * IndexedDB profiles): the owner, the recipient, and the recipient's second
 * device (the same person signed in on another computer). Every step goes
 * through the UI; the people come from the relay's admin CLI.
 */

const CALENDAR = 'Atlas project';
const TITLE = 'Atlas review';
const LOCATION = 'Room 4.2';
const DESCRIPTION = 'Budget line 7: do not forward';
const NEW_TITLE = 'Atlas review (agenda v2)';
/**
 * The owner's calendar as the recipient's sidebar names it: someone else's
 * calendar may be named "<owner> – <name>" for screen readers (two people's
 * calendars are often both "Calendar"), so the owner's name may come first.
 */
const SHARED = /^(Ada Lovelace – )?Atlas project$/;

test('a calendar shared at titles level, raised to editor, edited offline on both sides, then revoked', async ({ browser, baseURL, viewport }) => {
  // About 10 s: three devices, real sign-ins, offline edits on two of them.
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, run } = relayRun(baseURL);
  const org = `Sharing ${run}`;
  const ownerEmail = `ada-${run}@tessera.test`;
  const recipientEmail = `grace-${run}@tessera.test`;

  // 1. Two people of one organisation whose default level is none, so only the share gives access.
  await addPerson(org, ownerEmail, 'Ada Lovelace');
  await addPerson(org, recipientEmail, 'Grace Hopper');
  await relayAdmin('set-default', '--org', org, '--level', 'none');

  const options = { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport };
  const devices: Device[] = [];
  try {
    const owner = await openDevice(browser, 'owner', options);
    devices.push(owner);
    const laptop = await openDevice(browser, 'recipient', options);
    devices.push(laptop);
    const phone = await openDevice(browser, 'recipient’s second device', options);
    devices.push(phone);

    await signIn(owner.page, origin, ownerEmail, PASSWORD);
    await signIn(laptop.page, origin, recipientEmail, PASSWORD);
    await signIn(phone.page, origin, recipientEmail, PASSWORD);

    // 2. The owner names their calendar, writes an event with a description, and shares the calendar at titles level.
    const o = owner.page;
    await expectSynced(o, 'Calendar');
    await o.getByRole('button', { name: 'Options for Calendar', exact: true }).click();
    const nameField = o.getByRole('complementary', { name: 'Sidebar' }).getByLabel('Name', { exact: true });
    await nameField.fill(CALENDAR);
    await nameField.press('Enter');
    await o.getByRole('complementary', { name: 'Sidebar' }).getByRole('button', { name: 'Done', exact: true }).click();
    await expect(calendarCheckbox(o, CALENDAR)).toBeVisible();

    await goToDate(o, WEEK.mon);
    const dialog = await clickSlot(o, WEEK.wed, '10:00');
    await dialog.getByLabel('Title', { exact: true }).fill(TITLE);
    await dialog.getByLabel('Location', { exact: true }).fill(LOCATION);
    await dialog.getByLabel('Description', { exact: true }).fill(DESCRIPTION);
    await save(dialog);
    await expect(timeOf(timedEvent(o, WEEK.wed, TITLE))).toHaveText('10:00 - 11:00');
    await expectSynced(o, CALENDAR);

    await calendarAction(o, CALENDAR, 'Share…');
    const share = o.getByRole('dialog', { name: `Share ${CALENDAR}` });
    await expect(share).toBeVisible();
    await share.getByRole('combobox', { name: 'Person or group' }).fill('Grace');
    await share.getByRole('listbox', { name: 'Directory matches' }).getByRole('option', { name: /Grace Hopper/ }).click();
    await share.getByLabel('Level', { exact: true }).selectOption({ label: 'Can view titles and locations' });
    await share.getByLabel('Message', { exact: true }).fill('For the review on Wednesday.');
    await share.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(share).toBeHidden();
    await expect(o.getByRole('status').filter({ hasText: `${CALENDAR} is shared with Grace Hopper (Can view titles and locations).` })).toBeVisible();

    // 3. The recipient finds the invitation in the app and accepts it on their laptop.
    const l = laptop.page;
    const p = phone.page;
    await l.getByRole('button', { name: 'Invitations', exact: true }).click();
    const inbox = l.getByRole('dialog', { name: 'Invitations' });
    const invitation = inbox.getByRole('listitem').filter({ hasText: `Ada Lovelace shared ${CALENDAR} with you (Can view titles and locations)` });
    await expect(invitation).toBeVisible({ timeout: 20_000 });
    await expect(invitation).toContainText('For the review on Wednesday.');
    await invitation.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(invitation).toBeHidden();
    await inbox.getByRole('button', { name: 'Done', exact: true }).click();

    // The calendar arrives on both devices (the phone untouched), read-only, with the title and location.
    for (const page of [l, p]) {
      await expect(calendarCheckbox(page, SHARED)).toBeVisible({ timeout: 30_000 });
      await expect(calendarCheckbox(page, SHARED)).toHaveAccessibleDescription(/Ada Lovelace · Can view titles and locations/);
      await expect(syncLine(page, SHARED)).toHaveText('Read-only', { timeout: 30_000 });
      await goToDate(page, WEEK.mon);
      const event = timedEvent(page, WEEK.wed, TITLE);
      await expect(event).toBeVisible({ timeout: 30_000 });
      await expect(timeOf(event)).toHaveText('10:00 - 11:00');
      await expect(event.locator('.ev-location')).toHaveText(LOCATION);
    }
    // In test-results like the other specs' screenshots; TESSERA_DOCS_SCREENSHOTS=1 refreshes the one in docs/.
    await l.screenshot({ path: process.env.TESSERA_DOCS_SCREENSHOTS ? 'docs/screenshots/shared-titles.png' : path.join(test.info().project.outputDir, 'shared-titles.png') });

    // Opening the event shows what may be seen, read-only, and no description.
    for (const page of [l, p]) {
      await timedEvent(page, WEEK.wed, TITLE).click();
      const view = editor(page);
      await expect(view).toBeVisible();
      await expect(view.getByLabel('Title', { exact: true })).toHaveValue(TITLE);
      await expect(view.getByLabel('Title', { exact: true })).toBeDisabled();
      await expect(view.getByLabel('Location', { exact: true })).toHaveValue(LOCATION);
      await expect(view.getByLabel('Description', { exact: true })).toHaveValue('');
      await expect(view.getByLabel('Description', { exact: true })).toBeDisabled();
      await expect(view.getByRole('button', { name: 'Save' })).toHaveCount(0);
      await expect(view).not.toContainText(DESCRIPTION);
      await view.getByRole('button', { name: 'Done', exact: true }).click();
      await expect(view).toBeHidden();
    }

    // Nowhere on the recipient's devices: not in any record of any database (the scan finds the title, so it reads the data).
    for (const page of [l, p]) {
      const found = await findInIndexedDb(page, [TITLE, LOCATION, DESCRIPTION]);
      expect(found[TITLE], 'the title is stored on the recipient’s device').not.toEqual([]);
      expect(found[LOCATION], 'the location is stored on the recipient’s device').not.toEqual([]);
      expect(found[DESCRIPTION], 'the description on the recipient’s device').toEqual([]);
    }
    expect((await findInIndexedDb(o, [DESCRIPTION]))[DESCRIPTION], 'the description on the owner’s device').not.toEqual([]);

    // 4. The owner raises the recipient to editor in the permissions dialog.
    await calendarAction(o, CALENDAR, 'Permissions…');
    const perms = o.getByRole('dialog', { name: `Permissions for ${CALENDAR}` });
    await expect(perms).toBeVisible();
    const graceRow = perms.getByRole('row').filter({ hasText: 'Grace Hopper' }).filter({ has: o.getByRole('combobox', { name: 'Level' }) });
    const grantLevel = graceRow.getByRole('combobox', { name: 'Level' });
    await expect(grantLevel).toHaveValue('limited');
    await grantLevel.selectOption({ label: 'Can edit' });
    await expect(grantLevel).toHaveValue('editor');
    await expect(grantLevel).toBeEnabled();
    await perms.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(perms).toBeHidden();

    // Both recipient devices become editable, and now hold the whole event.
    for (const page of [l, p]) {
      await expect(calendarCheckbox(page, SHARED)).toHaveAccessibleDescription(/Ada Lovelace · Can edit/, { timeout: 30_000 });
      await expectSynced(page, SHARED);
      await timedEvent(page, WEEK.wed, TITLE).click();
      const edit = editor(page);
      await expect(edit.getByLabel('Description', { exact: true })).toHaveValue(DESCRIPTION, { timeout: 30_000 });
      await expect(edit.getByLabel('Title', { exact: true })).toBeEnabled();
      await expect(edit.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
      await edit.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect(edit).toBeHidden();
    }

    // Offline on both sides: the owner moves the event, the recipient (laptop) retitles it.
    //
    // context.setOffline(true) is Chromium's network emulation. It fails every
    // new request and socket at once, but it does not close a websocket that is
    // already open: the socket stays "open" and carries no frames either way,
    // just like a half-open TCP connection after a Wi-Fi drop. (Checked here:
    // the phone, still online, never receives either edit while the two are
    // offline, so nothing leaks through the old sockets.) The app notices from
    // the browser's offline event and drops its sockets at once; on a half-open
    // connection the browser does not flag, y-websocket's 30 s watchdog (fed
    // every 12 s by the app's heartbeat probe) would, hence the generous
    // timeouts. No fixed sleep, no faked sockets.
    await owner.context.setOffline(true);
    await laptop.context.setOffline(true);

    await dragEventTo(o, timedEvent(o, WEEK.wed, TITLE), WEEK.thu, '14:00');
    await expect(timeOf(timedEvent(o, WEEK.thu, TITLE))).toHaveText('14:00 - 15:00');
    await timedEvent(l, WEEK.wed, TITLE).click();
    const retitle = editor(l);
    await retitle.getByLabel('Title', { exact: true }).fill(NEW_TITLE);
    await save(retitle);
    await expect(timeOf(timedEvent(l, WEEK.wed, NEW_TITLE))).toHaveText('10:00 - 11:00');
    for (const page of [o, l]) await expect(syncLine(page, SHARED)).toHaveText('Offline · 1 change waiting', { timeout: 45_000 });
    // Neither change left its device: the phone, online all along, still shows the event as it was.
    await expect(timeOf(timedEvent(p, WEEK.wed, TITLE))).toHaveText('10:00 - 11:00');
    await expect(timedEvent(p, WEEK.thu, TITLE)).toHaveCount(0);
    await expectSynced(p, SHARED);

    // Back online: both edits reach every device, and both survive the merge (different parts of one event).
    await owner.context.setOffline(false);
    await laptop.context.setOffline(false);
    for (const page of [o, l, p]) {
      await expect(timeOf(timedEvent(page, WEEK.thu, NEW_TITLE))).toHaveText('14:00 - 15:00', { timeout: 45_000 });
      await expect(timedEvent(page, WEEK.wed)).toHaveCount(0);
      await expect(timedEvent(page, WEEK.thu)).toHaveCount(1);
      await expectSynced(page, SHARED);
    }

    // 5. The owner removes the share: the calendar leaves both recipient devices, with every record of it.
    const calendarId = await sharedCalendarId(l);
    for (const page of [l, p]) {
      // What the check below looks for is there before the revocation.
      const kinds = new Set((await calendarRecords(page, calendarId)).map((r) => r.split(':')[0]));
      expect([...kinds].sort()).toEqual(expect.arrayContaining(['bindings', 'days', 'indexMeta', 'syncState', 'updates']));
    }
    await calendarAction(o, CALENDAR, 'Permissions…');
    await expect(perms).toBeVisible();
    await graceRow.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(graceRow).toHaveCount(0);
    await expect(perms.getByText('Not shared with anyone yet.')).toBeVisible();
    await perms.getByRole('button', { name: 'Done', exact: true }).click();

    for (const page of [l, p]) {
      await expect(calendarCheckbox(page, SHARED)).toHaveCount(0, { timeout: 30_000 });
      await expect(timedEvent(page, WEEK.thu, NEW_TITLE)).toHaveCount(0);
      await expect.poll(() => calendarRecords(page, calendarId), { timeout: 15_000 }).toEqual([]);
      const found = await findInIndexedDb(page, [NEW_TITLE, LOCATION, DESCRIPTION]);
      expect(found, 'event text left on the recipient’s device').toEqual({ [NEW_TITLE]: [], [LOCATION]: [], [DESCRIPTION]: [] });
    }
    // The phone learns why from its inbox; the invitation accepted on the laptop is not pending there.
    await p.getByRole('button', { name: 'Invitations', exact: true }).click();
    const phoneInbox = p.getByRole('dialog', { name: 'Invitations' });
    await expect(phoneInbox.getByRole('listitem').filter({ hasText: `${CALENDAR} was removed from your calendars: Ada Lovelace no longer shares it with you.` })).toBeVisible();
    await expect(phoneInbox.getByRole('button', { name: 'Accept' })).toHaveCount(0);
    await phoneInbox.getByRole('button', { name: 'Done', exact: true }).click();

    // The owner keeps it all.
    await expect(timeOf(timedEvent(o, WEEK.thu, NEW_TITLE))).toHaveText('14:00 - 15:00');
    await expectSynced(o, CALENDAR);

    for (const d of devices) expect(d.errors, `uncaught errors on the ${d.name}`).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});

test('Settings offers the relay the app came from, also when the relay answers after Settings opened', async ({ page, baseURL }) => {
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  // The app asks its own origin whether it is a relay in the background; here the answer comes late.
  let answer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/health', async (route) => {
    await answered;
    await route.continue();
  });
  await page.goto('/');
  await waitForApp(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const address = page.getByRole('dialog', { name: 'Settings' }).getByLabel('Relay address');
  await expect(address).toHaveValue('');
  answer();
  await expect(address).toHaveValue(new URL(baseURL).origin);
});

/** The id of the one calendar on this device that someone else owns (from the replica's bindings). */
async function sharedCalendarId(page: Page): Promise<string> {
  const shared = (await readAll<{ calendarId: string; level: string }>(page, 'bindings')).filter((b) => b.level !== 'owner');
  expect(shared).toHaveLength(1);
  return shared[0]!.calendarId;
}
