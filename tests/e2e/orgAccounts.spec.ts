import { expect, test } from './support/offlineTest';
import { openDevice, relayAdmin, signIn, syncLine, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * Issue 6, accounts, against the real relay: a person makes an app password in
 * Settings (shown once), a feed reader fetches their calendar with it, and
 * revoking it stops the feed at once; an admin removes a member in
 * Administration › Members, hands the calendar they left to another member,
 * and sets up a shared address with a member and an alias.
 */


test('app passwords in Settings; removing a member and a shared address on the admin page', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, run } = relayRun(baseURL);
  const org = `Accounts ${run}`;
  const adminEmail = `ada-${run}@tessera.test`;
  const memberEmail = `max-${run}@tessera.test`;
  const leaverEmail = `lea-${run}@tessera.test`;
  await addPerson(org, adminEmail, 'Ada Admin', { admin: true });
  await addPerson(org, memberEmail, 'Max Member');
  await addPerson(org, leaverEmail, 'Lea Leaver');

  const devices: Device[] = [];
  try {
    // Lea signs in (her first calendar registers on the relay) and makes an app password.
    const leaver = await openDevice(browser, 'leaver', { baseURL, viewport });
    devices.push(leaver);
    const l = leaver.page;
    await signIn(l, origin, leaverEmail, PASSWORD);
    await expect(syncLine(l, 'Calendar')).toHaveText(/^Synced/, { timeout: 30_000 });
    await l.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = l.getByRole('dialog', { name: 'Settings' });
    const section = settings.getByRole('region', { name: 'App passwords' });
    await section.getByLabel('Name').fill('Phone calendar');
    await section.getByRole('button', { name: 'Create' }).click();
    const fresh = section.getByLabel(/App password “Phone calendar”/);
    await expect(fresh).toBeVisible();
    const secret = await fresh.inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{6}(-[A-Za-z0-9_-]{6}){3}$/);
    const list = section.getByRole('list', { name: 'App passwords' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('never used');
    await section.scrollIntoViewIfNeeded();
    await l.screenshot({ path: test.info().outputPath('app-passwords.png') });

    const listed = await relayAdmin('list-calendars', '--org', org);
    const calendarId = new RegExp(`^(\\S+)\\s+Calendar\\s+owner: ${leaverEmail}`, 'm').exec(listed)?.[1];
    expect(calendarId, listed).toBeTruthy();
    const auth = { Authorization: `Basic ${Buffer.from(`${leaverEmail}:${secret}`).toString('base64')}` };
    const ok = await l.request.get(`/ics/me/${calendarId}.ics`, { headers: auth });
    expect(ok.status()).toBe(200);
    expect(await ok.text()).toContain('BEGIN:VCALENDAR');
    // The account password is not an app password.
    const wrong = await l.request.get(`/ics/me/${calendarId}.ics`, { headers: { Authorization: `Basic ${Buffer.from(`${leaverEmail}:${PASSWORD}`).toString('base64')}` } });
    expect(wrong.status()).toBe(401);

    await section.getByRole('button', { name: 'Done' }).click();
    await expect(fresh).toBeHidden();
    await list.getByRole('button', { name: 'Revoke' }).click();
    await expect(section.getByText('No app passwords.')).toBeVisible();
    expect((await l.request.get(`/ics/me/${calendarId}.ics`, { headers: auth })).status()).toBe(401);
    await settings.getByRole('button', { name: 'Close' }).click();

    // The admin removes Lea, then hands her calendar to Max.
    const admin = await openDevice(browser, 'admin', { baseURL, viewport });
    devices.push(admin);
    const a = admin.page;
    await signIn(a, origin, adminEmail, PASSWORD);
    await a.getByRole('button', { name: 'Administration' }).click();
    const page = a.getByRole('dialog', { name: 'Administration' });
    await page.getByRole('tab', { name: 'Members' }).click();
    await expect(page.getByRole('checkbox', { name: /Allow app passwords/ })).toBeChecked();
    await page.getByRole('button', { name: 'Remove Lea Leaver' }).click();
    const confirm = a.getByRole('dialog', { name: 'Remove Lea Leaver?' });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByRole('status')).toContainText('Lea Leaver was removed');
    await expect(page.getByRole('button', { name: 'Remove Lea Leaver' })).toHaveCount(0);
    // Her open app closes its socket at once: the relay ended her session.
    await expect(syncLine(l, 'Calendar')).not.toHaveText(/^Synced/, { timeout: 20_000 });
    const orphans = page.getByRole('list', { name: 'Calendars of removed members' });
    await expect(orphans.getByRole('listitem')).toHaveCount(1);
    await expect(orphans).toContainText('Lea Leaver');
    await a.screenshot({ path: test.info().outputPath('admin-members.png') });
    await orphans.getByLabel('New owner of Calendar').selectOption({ label: 'Max Member' });
    await orphans.getByRole('button', { name: 'Transfer' }).click();
    await expect(page.getByRole('status')).toContainText('now belongs to Max Member');
    await expect(page.getByText('None waiting.')).toBeVisible();

    // A shared address with a member and an alias.
    await page.getByRole('tab', { name: 'Shared addresses' }).click();
    const form = page.getByRole('form', { name: 'New shared address' });
    await form.getByLabel('Address').fill(`sales-${run}@tessera.test`);
    await form.getByLabel('Name').fill('Sales');
    await form.getByRole('button', { name: 'Create' }).click();
    const entry = page.getByRole('listitem', { name: `sales-${run}@tessera.test` });
    await expect(entry).toBeVisible();
    await entry.getByLabel(`Add a member to sales-${run}@tessera.test`).selectOption({ label: 'Max Member' });
    await entry.getByRole('button', { name: 'Add member' }).click();
    await expect(entry.getByRole('button', { name: `Remove Max Member from sales-${run}@tessera.test` })).toBeVisible();
    await entry.getByLabel(`New alias for sales-${run}@tessera.test`).fill(`deals-${run}@tessera.test`);
    await entry.getByRole('button', { name: 'Add alias' }).click();
    await expect(entry).toContainText(`deals-${run}@tessera.test`);
    await expect(entry).toContainText('Aliases (1 of 5)');
    await a.screenshot({ path: test.info().outputPath('admin-shared-addresses.png') });
    const shown = await relayAdmin('list-shared-addresses', '--org', org);
    expect(shown).toContain(`members: ${memberEmail}`);

    for (const d of devices) expect(d.errors).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});
