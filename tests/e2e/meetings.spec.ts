import type { Browser, Locator, Page, ViewportSize } from '@playwright/test';
import { clickSlot, editor, goToDate, timedEvent, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';
import { expectSynced, openDevice, relayAdmin, signIn, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * A meeting through the real relay with four people, each in a browser context
 * of their own: Alice sends it to Bob and Carol (and an outside address), Bob
 * accepts in the app, Dave (Carol's delegate) declines for Carol, and Alice sees
 * both answers in the meeting's editor. Then the same people with a private
 * meeting: whole for attendees, nothing for a delegate without private items.
 */

const TITLE = 'Budget review';

async function openInbox(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Invitations', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Invitations' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function invite(dialog: Locator, name: string): Promise<void> {
  const box = dialog.getByRole('combobox', { name: 'Invite people' });
  await box.fill(name);
  await dialog.getByRole('option', { name: new RegExp(name) }).click();
  await expect(dialog.getByRole('list', { name: 'Attendees' }).getByRole('listitem', { name })).toBeVisible();
}

/**
 * Alice, Bob, Carol and Dave of a new organisation, each signed in on a device
 * of their own (pushed to `devices` for the caller to close), Dave being
 * Carol's delegate (her calendar reached the relay when she signed in), without
 * her private items.
 */
async function fourPeople(browser: Browser, baseURL: string, viewport: ViewportSize | null, orgName: string, devices: Device[]): Promise<Record<'alice' | 'bob' | 'carol' | 'dave', Device>> {
  const { origin, run } = relayRun(baseURL);
  const org = `${orgName} ${run}`;
  const email = (who: string) => `${who}-${run}@tessera.test`;
  const names = { alice: 'Alice Organiser', bob: 'Bob Attendee', carol: 'Carol Attendee', dave: 'Dave Delegate' } as const;
  const who = Object.keys(names) as (keyof typeof names)[];
  for (const w of who) await addPerson(org, email(w), names[w]);
  const options = { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport };
  const opened = await Promise.all(who.map((w) => openDevice(browser, w, options)));
  devices.push(...opened);
  for (const [i, w] of who.entries()) {
    await signIn(opened[i]!.page, origin, email(w), PASSWORD);
    await expectSynced(opened[i]!.page, 'Calendar');
  }
  const listing = await relayAdmin('list-calendars', '--org', org);
  const carolCalendar = listing.split('\n').find((l) => l.includes(`owner: ${email('carol')}`))?.split(/\s+/)[0];
  expect(carolCalendar).toBeTruthy();
  await relayAdmin('share', '--calendar', carolCalendar!, '--email', email('dave'), '--level', 'delegate');
  return { alice: opened[0]!, bob: opened[1]!, carol: opened[2]!, dave: opened[3]! };
}

test('a meeting sent, answered by an attendee and by a delegate, the organiser seeing the answers', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(180_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const devices: Device[] = [];
  try {
    const { alice, bob, carol, dave } = await fourPeople(browser, baseURL, viewport, 'Meetings', devices);

    // 1. Alice writes the meeting: two people from the directory and one outside address.
    const a = alice.page;
    await goToDate(a, WEEK.mon);
    const dialog = await clickSlot(a, WEEK.wed, '10:00');
    await dialog.getByLabel('Title', { exact: true }).fill(TITLE);
    await invite(dialog, 'Bob Attendee');
    await invite(dialog, 'Carol Attendee');
    await dialog.getByRole('combobox', { name: 'Invite people' }).fill('guest@outside.example');
    await expect(dialog.getByRole('button', { name: 'Add guest@outside.example (will not be notified)' })).toBeVisible();
    // Enter adds a typed address (and never sends the meeting).
    await dialog.getByRole('combobox', { name: 'Invite people' }).press('Enter');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('listitem', { name: 'guest@outside.example' })).toContainText('will not be notified');
    await dialog.getByRole('combobox', { name: 'Role of Carol Attendee' }).selectOption('optional');
    await expect(dialog.getByLabel('Responses')).toHaveText('Accepted 0, Tentative 0, Declined 0, No answer 3');
    await a.screenshot({ path: test.info().outputPath('meetings-editor.png') });
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(timedEvent(a, WEEK.wed, TITLE)).toBeVisible();

    // 2. Bob accepts in the app; the meeting lands in his own calendar.
    const b = bob.page;
    const bobInbox = await openInbox(b);
    const bobRequest = bobInbox.getByRole('listitem').filter({ hasText: TITLE });
    await expect(bobRequest).toContainText('From Alice Organiser', { timeout: 30_000 });
    // In the viewer's zone (Berlin here, as Alice's).
    await expect(bobRequest).toContainText('Wed, 12 Jun 2030, 10:00 – 11:00');
    await bobRequest.getByLabel(/^Comment for Alice Organiser/).fill('Will bring the numbers');
    await bobRequest.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(bobRequest).toContainText('You accepted');
    await bobInbox.getByRole('button', { name: 'Done', exact: true }).click();
    await goToDate(b, WEEK.mon);
    await expect(timedEvent(b, WEEK.wed, TITLE)).toBeVisible({ timeout: 30_000 });

    // 3. Dave declines for Carol, seeing whom it was received for.
    const d = dave.page;
    const daveInbox = await openInbox(d);
    const forCarol = daveInbox.getByRole('listitem').filter({ hasText: TITLE });
    await expect(forCarol).toContainText('Received for Carol Attendee', { timeout: 30_000 });
    await forCarol.getByLabel(/^Comment for Alice Organiser/).fill('Carol is on leave');
    await forCarol.getByRole('button', { name: 'Decline', exact: true }).click();
    await expect(forCarol).toContainText('Dave Delegate declined for Carol Attendee');
    await d.screenshot({ path: test.info().outputPath('meetings-delegate.png') });
    await daveInbox.getByRole('button', { name: 'Done', exact: true }).click();

    // Carol sees Dave's answer on her own request.
    const carolInbox = await openInbox(carol.page);
    await expect(carolInbox.getByRole('listitem').filter({ hasText: TITLE })).toContainText('Dave Delegate declined for Carol Attendee', { timeout: 30_000 });
    await carolInbox.getByRole('button', { name: 'Done', exact: true }).click();

    // 4. Alice sees both answers, with comments, in the editor and in her inbox.
    await timedEvent(a, WEEK.wed, TITLE).click();
    const edit = editor(a);
    await expect(edit.getByLabel('Responses')).toHaveText('Accepted 1, Tentative 0, Declined 1, No answer 1', { timeout: 30_000 });
    await expect(edit.getByRole('listitem', { name: 'Bob Attendee' })).toContainText('Accepted');
    await expect(edit.getByRole('listitem', { name: 'Bob Attendee' })).toContainText('Will bring the numbers');
    await expect(edit.getByRole('listitem', { name: 'Carol Attendee' })).toContainText('Declined');
    await expect(edit.getByRole('listitem', { name: 'Carol Attendee' })).toContainText('Carol is on leave');
    await expect(edit.getByRole('button', { name: 'Send update', exact: true })).toBeVisible();
    await a.screenshot({ path: test.info().outputPath('meetings-organiser.png') });
    await edit.getByRole('button', { name: 'Cancel', exact: true }).click();
    const aliceInbox = await openInbox(a);
    await expect(aliceInbox.getByRole('region', { name: 'Answers to your meetings' })).toContainText('Bob Attendee accepted Budget review');
    await expect(aliceInbox.getByRole('region', { name: 'Answers to your meetings' })).toContainText('Carol Attendee declined Budget review (answered by Dave Delegate)');

    await aliceInbox.getByRole('button', { name: 'Done', exact: true }).click();

    // 5. Alice cancels with a message: Bob's request says so and the meeting leaves his calendar.
    await timedEvent(a, WEEK.wed, TITLE).click();
    await editor(a).getByRole('button', { name: 'Cancel meeting', exact: true }).click();
    const cancel = a.getByRole('dialog', { name: 'Cancel meeting' });
    await cancel.getByLabel('Message to attendees (optional)').fill('Moved to next quarter');
    await a.screenshot({ path: test.info().outputPath('meetings-cancel.png') });
    await cancel.getByRole('button', { name: 'Send cancellation', exact: true }).click();
    await expect(editor(a)).toBeHidden();
    await expect(timedEvent(a, WEEK.wed, TITLE)).toHaveCount(0);
    await expect(timedEvent(b, WEEK.wed, TITLE)).toHaveCount(0, { timeout: 30_000 });
    const bobAgain = await openInbox(b);
    const canceled = bobAgain.getByRole('listitem').filter({ hasText: TITLE });
    await expect(canceled).toContainText(`Canceled: ${TITLE}`);
    await expect(canceled).toContainText('Moved to next quarter');

    for (const dev of devices) expect(dev.errors).toEqual([]);
  } finally {
    for (const dev of devices) await dev.context.close();
  }
});

test('a private meeting reaches its attendees whole, not a delegate kept from private items, and stays private in their calendars', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(180_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const devices: Device[] = [];
  try {
    const { alice, bob, dave } = await fourPeople(browser, baseURL, viewport, 'Private meetings', devices);

    // 1. Alice sends a private meeting to Bob and Carol.
    const a = alice.page;
    await goToDate(a, WEEK.mon);
    const dialog = await clickSlot(a, WEEK.thu, '09:00');
    await dialog.getByLabel('Title', { exact: true }).fill('Health check');
    await dialog.getByLabel('Location', { exact: true }).fill('Clinic');
    await dialog.getByLabel('Private', { exact: true }).check();
    await invite(dialog, 'Bob Attendee');
    await invite(dialog, 'Carol Attendee');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(dialog).toBeHidden();

    // 2. Bob gets all of it, marked private, and accepts: his copy shows him the title.
    const b = bob.page;
    const bobInbox = await openInbox(b);
    const request = bobInbox.getByRole('listitem').filter({ hasText: 'Health check' });
    await expect(request).toContainText('Private', { timeout: 30_000 });
    await expect(request).toContainText('Clinic');
    await b.screenshot({ path: test.info().outputPath('meetings-private-request.png') });
    await request.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(request).toContainText('You accepted');
    await bobInbox.getByRole('button', { name: 'Done', exact: true }).click();
    await goToDate(b, WEEK.mon);
    await expect(timedEvent(b, WEEK.thu, 'Health check')).toBeVisible({ timeout: 30_000 });
    await timedEvent(b, WEEK.thu, 'Health check').click();
    await expect(editor(b).getByLabel('Private', { exact: true })).toBeChecked();
    await editor(b).getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(editor(b)).toBeHidden();

    // 3. Alice sees the answer.
    await timedEvent(a, WEEK.thu, 'Health check').click();
    await expect(editor(a).getByLabel('Responses')).toHaveText('Accepted 1, Tentative 0, Declined 0, No answer 1', { timeout: 30_000 });
    await editor(a).getByRole('button', { name: 'Cancel', exact: true }).click();

    // 4. Dave's inbox: a public meeting to Carol sent after the private one reaches him, the private one never did
    //    (the relay writes his inbox in order, so it would have come first).
    const dialog2 = await clickSlot(a, WEEK.fri, '14:00');
    await dialog2.getByLabel('Title', { exact: true }).fill('Team lunch');
    await invite(dialog2, 'Carol Attendee');
    await dialog2.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(dialog2).toBeHidden();
    const daveInbox = await openInbox(dave.page);
    await expect(daveInbox.getByRole('listitem').filter({ hasText: 'Team lunch' })).toContainText('Received for Carol Attendee', { timeout: 30_000 });
    await expect(daveInbox.getByRole('listitem').filter({ hasText: 'Health check' })).toHaveCount(0);

    for (const dev of devices) expect(dev.errors).toEqual([]);
  } finally {
    for (const dev of devices) await dev.context.close();
  }
});
