import { expect, test } from './support/offlineTest';
import { calendarCheckbox, openDevice, relayAdmin, signIn, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * Team calendars through the real relay (issue 6): an admin creates one on the
 * admin page, scoped to one department; a member of that department sees it
 * without an invitation, a member of another does not; a member submits an
 * item, a maintainer approves it from the queue, and it appears in the
 * calendar for the submitter and the maintainer.
 */

const NAME = 'Sales_Client visits';
const LABEL = `${NAME} — Team`;
const TITLE = 'Visit Globex';

test('an admin creates a team calendar for one department; a maintainer approves an item from the queue', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(150_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, run } = relayRun(baseURL);
  const org = `Team ${run}`;
  const email = (name: string) => `${name}-${run}@tessera.test`;

  await addPerson(org, email('ada'), 'Ada Admin', { admin: true });
  for (const [name, full] of [
    ['sam', 'Sam Sales'],
    ['sue', 'Sue Sales'],
    ['eve', 'Eve Engineer'],
  ] as const) {
    await addPerson(org, email(name), full);
  }
  await relayAdmin('set-default', '--org', org, '--level', 'none');
  await relayAdmin('add-group', '--org', org, '--name', 'Sales');
  await relayAdmin('add-group', '--org', org, '--name', 'Engineering');
  await relayAdmin('add-member', '--org', org, '--group', 'Sales', '--email', email('sam'));
  await relayAdmin('add-member', '--org', org, '--group', 'Sales', '--email', email('sue'));
  await relayAdmin('add-member', '--org', org, '--group', 'Engineering', '--email', email('eve'));

  const options = { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport };
  const devices: Device[] = [];
  try {
    const ada = await openDevice(browser, 'admin', options);
    devices.push(ada);
    await signIn(ada.page, origin, email('ada'), PASSWORD);

    // 1. The admin creates the team calendar: Sales at "can view all details", Sue maintains it, submissions on.
    await ada.page.getByRole('button', { name: 'Administration', exact: true }).click();
    const adminPage = ada.page.getByRole('dialog', { name: 'Administration' });
    await adminPage.getByRole('tab', { name: 'Team calendars' }).click();
    const form = adminPage.getByRole('form', { name: 'New team calendar' });
    await form.getByLabel('Name').fill(NAME);
    await form.getByRole('radio', { name: 'Chosen departments' }).check();
    await form.getByRole('group', { name: 'Departments' }).getByRole('checkbox', { name: 'Sales' }).check();
    await form.getByLabel('They can').selectOption('reviewer');
    await form.getByRole('group', { name: 'Maintainers' }).getByRole('checkbox', { name: /^Sue Sales/ }).check();
    await form.getByRole('checkbox', { name: /^Accept submissions/ }).check();
    await ada.page.screenshot({ path: test.info().outputPath('o1-admin-form.png') });
    await form.getByRole('button', { name: 'Create team calendar' }).click();
    await expect(adminPage.getByRole('status')).toHaveText(`${LABEL} was created.`);
    await expect(adminPage.getByRole('list', { name: 'Team calendars' }).getByRole('listitem', { name: LABEL })).toContainText('Sales');
    await ada.page.screenshot({ path: test.info().outputPath('o1-admin-created.png') });
    await adminPage.getByRole('button', { name: 'Close' }).first().click();

    // 2. Sales people see it without an invitation; Engineering does not.
    const sam = await openDevice(browser, 'member', options);
    devices.push(sam);
    const sue = await openDevice(browser, 'maintainer', options);
    devices.push(sue);
    const eve = await openDevice(browser, 'other department', options);
    devices.push(eve);
    await signIn(sam.page, origin, email('sam'), PASSWORD);
    await signIn(sue.page, origin, email('sue'), PASSWORD);
    await signIn(eve.page, origin, email('eve'), PASSWORD);
    await expect(calendarCheckbox(sam.page, LABEL)).toBeVisible({ timeout: 20_000 });
    await expect(calendarCheckbox(sue.page, LABEL)).toBeVisible({ timeout: 20_000 });
    // Eve's list is settled once her own calendar is on the relay; the team calendar is not in it.
    await expect(eve.page.getByRole('complementary', { name: 'Sidebar' }).locator('.sync-status').first()).toHaveText(/^Synced/, { timeout: 30_000 });
    await expect(calendarCheckbox(eve.page, LABEL)).toHaveCount(0);

    // 3. Sam (reviewer) submits an item.
    await sam.page.getByRole('button', { name: `Options for ${LABEL}`, exact: true }).click();
    await sam.page.getByRole('button', { name: 'Submit an item…', exact: true }).click();
    const submit = sam.page.getByRole('dialog', { name: `Submit an item to ${LABEL}` });
    await submit.getByLabel('Title').fill(TITLE);
    await submit.getByLabel('Location').fill('Globex HQ');
    await sam.page.screenshot({ path: test.info().outputPath('o1-submit.png') });
    await submit.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect(submit).toBeHidden();

    // 4. Sue sees the badge, opens the queue and approves.
    const badge = sue.page.getByRole('complementary', { name: 'Sidebar' }).locator('.team-queue-badge');
    await expect(badge).toContainText('1', { timeout: 20_000 });
    await sue.page.screenshot({ path: test.info().outputPath('o1-badge.png') });
    await sue.page.getByRole('button', { name: `Options for ${LABEL}`, exact: true }).click();
    await sue.page.getByRole('button', { name: /^Submissions…/ }).click();
    const queue = sue.page.getByRole('dialog', { name: `Submissions to ${LABEL}` });
    await expect(queue.getByRole('listitem', { name: TITLE })).toContainText('from Sam Sales');
    await sue.page.screenshot({ path: test.info().outputPath('o1-queue.png') });
    await queue.getByRole('button', { name: `Approve ${TITLE}` }).click();
    await expect(queue.getByText('Nothing is waiting.')).toBeVisible();
    await queue.getByRole('button', { name: 'Done' }).click();
    await expect(badge).toHaveCount(0);

    // 5. The approved item is in the calendar for the maintainer and the submitter.
    await expect(sue.page.locator('.fc-event', { hasText: TITLE })).toBeVisible({ timeout: 20_000 });
    await expect(sam.page.locator('.fc-event', { hasText: TITLE })).toBeVisible({ timeout: 20_000 });
    await sam.page.screenshot({ path: test.info().outputPath('o1-approved.png') });
    await expect(eve.page.locator('.fc-event', { hasText: TITLE })).toHaveCount(0);

    // 6. The submitter is told in the inbox.
    await sam.page.getByRole('button', { name: 'Invitations', exact: true }).click();
    const inbox = sam.page.getByRole('dialog', { name: 'Invitations' });
    await expect(inbox.getByRole('region', { name: 'Your submissions' })).toContainText(`Sue Sales approved “${TITLE}”`);
    await sam.page.screenshot({ path: test.info().outputPath('o1-inbox.png') });

    for (const d of devices) expect(d.errors, d.name).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});
