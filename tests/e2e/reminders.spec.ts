import type { Browser, Locator, Page } from '@playwright/test';
import path from 'node:path';
import { clickSlot, editor, goToDate, save, timedEvent, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';
import { calendarAction, calendarCheckbox, expectSynced, openDevice, relayAdmin, signIn, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * Reminders in the new model (issue 4), through the real relay with two people
 * (the owner shares a calendar with an editor) and the owner's second device.
 * Every step goes through the UI; the people come from the relay's admin CLI.
 */

const OWNER_MEETING = 'Budget review';
const EDITOR_MEETING = 'Design sync';
/** The owner's calendar as the editor's sidebar names it ("<owner> – <name>": the editor has a "Calendar" of their own). */
const SHARED = 'Ada Lovelace – Calendar';

/** The owner's reminders as the event editor shows them: "<amount> <unit>" per row. */
async function ownerReminders(dialog: Locator): Promise<string[]> {
  const rows = dialog.locator('.reminders .reminder-row');
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const amount = await dialog.getByLabel(`Reminder ${i + 1} amount`, { exact: true }).inputValue();
    const unit = await dialog.getByLabel(`Reminder ${i + 1} unit`, { exact: true }).inputValue();
    out.push(`${amount} ${unit}`);
  }
  return out;
}

async function setOnlyReminder(dialog: Locator, amount: string, unit: 'minutes' | 'hours'): Promise<void> {
  await dialog.getByLabel('Reminder 1 amount', { exact: true }).fill(amount);
  await dialog.getByLabel('Reminder 1 unit', { exact: true }).selectOption(unit);
}

async function openEvent(page: Page, date: string, title: string): Promise<Locator> {
  await goToDate(page, WEEK.mon);
  const event = timedEvent(page, date, title);
  await expect(event).toBeVisible({ timeout: 30_000 });
  await event.click();
  const dialog = editor(page);
  await expect(dialog).toBeVisible();
  return dialog;
}

async function closeEditor(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: /^(Cancel|Done)$/ }).click();
  await expect(dialog).toBeHidden();
}

/**
 * A device whose clock Playwright controls: five minutes past the current hour, so
 * "New event" (the next full hour) with a 30-minute reminder is never already due
 * when made, whatever minute the test starts.
 */
function openClockDevice(browser: Browser, name: string, baseURL: string): Promise<Device> {
  const hour = 3_600_000;
  return openDevice(browser, name, { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1400, height: 900 }, clock: Math.floor(Date.now() / hour) * hour + 5 * 60_000 });
}

function people(baseURL: string) {
  const { origin, run } = relayRun(baseURL);
  return { origin, org: `Reminders ${run}`, owner: `ada-${run}@tessera.test`, editor: `grace-${run}@tessera.test` };
}

test('the owner’s reminders stay the owner’s; the editor’s reminder is the editor’s alone', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, ...who } = people(baseURL);
  await addPerson(who.org, who.owner, 'Ada Lovelace');
  await addPerson(who.org, who.editor, 'Grace Hopper');
  await relayAdmin('set-default', '--org', who.org, '--level', 'none');

  const devices: Device[] = [];
  try {
    const owner = await openDevice(browser, 'owner', { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    devices.push(owner);
    const ed = await openDevice(browser, 'editor', { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    devices.push(ed);
    const o = owner.page;
    const e = ed.page;
    await signIn(o, origin, who.owner, PASSWORD);
    await signIn(e, origin, who.editor, PASSWORD);
    await expectSynced(o, 'Calendar');

    // Row 1: the owner creates a meeting with a 30-minute reminder.
    await goToDate(o, WEEK.mon);
    let dialog = await clickSlot(o, WEEK.wed, '10:00');
    await dialog.getByLabel('Title', { exact: true }).fill(OWNER_MEETING);
    await setOnlyReminder(dialog, '30', 'minutes');
    await save(dialog);
    await expectSynced(o, 'Calendar');

    // The owner shares the calendar with the editor at "Can edit"; the editor accepts in the app.
    await calendarAction(o, 'Calendar', 'Share…');
    const share = o.getByRole('dialog', { name: 'Share Calendar' });
    await share.getByRole('combobox', { name: 'Person or group' }).fill('Grace');
    await share.getByRole('listbox', { name: 'Directory matches' }).getByRole('option', { name: /Grace Hopper/ }).click();
    await share.getByLabel('Level', { exact: true }).selectOption({ label: 'Can edit' });
    await share.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(share).toBeHidden();
    await e.getByRole('button', { name: 'Invitations', exact: true }).click();
    const inbox = e.getByRole('dialog', { name: 'Invitations' });
    const invitation = inbox.getByRole('listitem').filter({ hasText: 'Ada Lovelace shared Calendar with you' });
    await expect(invitation).toBeVisible({ timeout: 20_000 });
    await invitation.getByRole('button', { name: 'Accept', exact: true }).click();
    await inbox.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(calendarCheckbox(e, SHARED)).toBeVisible({ timeout: 30_000 });
    await expectSynced(e, SHARED);

    // Owner: 30 min. Editor: none, with the owner's shown read-only beside it.
    dialog = await openEvent(o, WEEK.wed, OWNER_MEETING);
    expect(await ownerReminders(dialog)).toEqual(['30 minutes']);
    await expect(dialog.getByRole('combobox', { name: 'Reminder', exact: true })).toHaveCount(0);
    await closeEditor(dialog);
    dialog = await openEvent(e, WEEK.wed, OWNER_MEETING);
    await expect(dialog.getByRole('combobox', { name: 'Reminder', exact: true })).toHaveValue('none');
    await expect(dialog.getByText('Reminder: none.')).toBeVisible();
    await expect(dialog.getByRole('note')).toHaveText("Owner's reminder: 30 minutes");
    await expect(dialog.getByLabel('Reminder 1 amount', { exact: true })).toHaveCount(0);
    await closeEditor(dialog);

    // Row 2: the editor creates a meeting in the owner's calendar with a 30-minute reminder: it is the owner's.
    await goToDate(e, WEEK.mon);
    dialog = await clickSlot(e, WEEK.thu, '14:00');
    await dialog.getByLabel('Title', { exact: true }).fill(EDITOR_MEETING);
    const calendarSelect = dialog.getByLabel('Calendar', { exact: true });
    await calendarSelect.selectOption({ label: await calendarSelect.locator('option', { hasText: 'Ada Lovelace' }).innerText() });
    await setOnlyReminder(dialog, '30', 'minutes');
    await save(dialog);
    await expectSynced(e, SHARED);

    dialog = await openEvent(o, WEEK.thu, EDITOR_MEETING);
    expect(await ownerReminders(dialog)).toEqual(['30 minutes']);
    await closeEditor(dialog);
    dialog = await openEvent(e, WEEK.thu, EDITOR_MEETING);
    await expect(dialog.getByRole('combobox', { name: 'Reminder', exact: true })).toHaveValue('none');
    await expect(dialog.getByRole('note')).toHaveText("Owner's reminder: 30 minutes");

    // Row 3: the editor sets a 60-minute reminder on it: theirs only; the owner's stays 30.
    await dialog.getByRole('combobox', { name: 'Reminder', exact: true }).selectOption({ label: '1 hour before' });
    await save(dialog);
    dialog = await openEvent(e, WEEK.thu, EDITOR_MEETING);
    await expect(dialog.getByRole('combobox', { name: 'Reminder', exact: true })).toHaveValue('60');
    await expect(dialog.getByRole('note')).toHaveText("Owner's reminder: 30 minutes");
    await dialog.getByRole('note').scrollIntoViewIfNeeded();
    await dialog.screenshot({ path: path.join(test.info().project.outputDir, 'reminders-editor-personal.png') });
    await closeEditor(dialog);
    await expectSynced(e, SHARED);
    // Give the owner's device time to receive anything the editor's save could have sent.
    await expectSynced(o, 'Calendar');
    dialog = await openEvent(o, WEEK.thu, EDITOR_MEETING);
    expect(await ownerReminders(dialog)).toEqual(['30 minutes']);
    await closeEditor(dialog);

    for (const d of devices) expect(d.errors).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});

test('a due reminder shows in the Reminders window and is dismissed on the person’s other device too', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, ...who } = people(baseURL);
  await addPerson(who.org, who.owner, 'Ada Lovelace');

  const devices: Device[] = [];
  try {
    const laptop = await openClockDevice(browser, 'laptop', baseURL);
    devices.push(laptop);
    const phone = await openClockDevice(browser, 'phone', baseURL);
    devices.push(phone);
    const l = laptop.page;
    const p = phone.page;
    await signIn(l, origin, who.owner, PASSWORD);
    await signIn(p, origin, who.owner, PASSWORD);
    await expectSynced(l, 'Calendar');

    // A meeting at the next full hour with a 30-minute reminder ("New event" puts it there).
    await l.getByRole('button', { name: 'New event', exact: true }).click();
    const dialog = editor(l);
    await dialog.getByLabel('Title', { exact: true }).fill('Quarterly planning');
    await setOnlyReminder(dialog, '30', 'minutes');
    await save(dialog);
    await expectSynced(l, 'Calendar');
    await expect(p.getByRole('button', { name: 'Reminders', exact: true })).toBeVisible();

    // Nothing is due yet; an hour later (the clock moved on) it is, on both devices.
    await expect(l.getByRole('button', { name: 'Reminders', exact: true })).toHaveAccessibleDescription('No reminders due');
    for (const page of [l, p]) await page.clock.fastForward('01:00:00');
    for (const page of [l, p]) {
      const window = page.getByRole('dialog', { name: 'Reminders' });
      // It opens by itself when a reminder comes due.
      await expect(window).toBeVisible({ timeout: 30_000 });
      await expect(window.getByRole('listitem').filter({ hasText: 'Quarterly planning' })).toBeVisible();
      await expect(window.getByRole('heading')).toHaveText('Reminders (1)');
    }
    await l.screenshot({ path: path.join(test.info().project.outputDir, 'reminders-window.png') });

    // "Open" on the phone opens the meeting in the editor.
    await p.getByRole('dialog', { name: 'Reminders' }).getByRole('button', { name: 'Open Quarterly planning' }).click();
    await expect(editor(p).getByLabel('Title', { exact: true })).toHaveValue('Quarterly planning');
    await editor(p).getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(p.getByRole('button', { name: 'Reminders', exact: true })).toHaveAccessibleDescription('1 reminder due');

    // Dismissed on the laptop: gone from the phone too (the person's overlay syncs).
    await l.getByRole('dialog', { name: 'Reminders' }).getByRole('button', { name: 'Dismiss Quarterly planning' }).click();
    await expect(l.getByRole('dialog', { name: 'Reminders' }).getByText('No reminders are due.')).toBeVisible();
    await l.getByRole('dialog', { name: 'Reminders' }).getByRole('button', { name: 'Done', exact: true }).click();
    for (const page of [l, p]) await expect(page.getByRole('button', { name: 'Reminders', exact: true })).toHaveAccessibleDescription('No reminders due', { timeout: 30_000 });

    // "Show reminders" is per own calendar and per person: switched off on the laptop, off on the phone too.
    await l.getByRole('button', { name: 'Options for Calendar', exact: true }).click();
    const lSwitch = l.getByRole('switch', { name: 'Show reminders for Calendar' });
    await expect(lSwitch).toBeChecked();
    await lSwitch.uncheck();
    await p.getByRole('button', { name: 'Options for Calendar', exact: true }).click();
    await expect(p.getByRole('switch', { name: 'Show reminders for Calendar' })).not.toBeChecked({ timeout: 30_000 });

    for (const d of devices) expect(d.errors).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});
