import { clickSlot, goToDate, save, timedEvent, timeOf, WEEK } from './support/calendar';
import { expect, test } from './support/offlineTest';
import { calendarAction, expectSynced, openDevice, signIn, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * Published ICS links through the app and the real relay: the owner publishes
 * a link with a password in the calendar's permissions, the test fetches the
 * feed as a calendar client would (with and without the password), then the
 * owner revokes it in the app and the feed is gone.
 */

const FEED_PASSWORD = 'feed-pass-42';
const TITLE = 'Orbit launch review';
const LOCATION = 'Hangar 2';
const DESCRIPTION = 'Fuel figures: internal only';

test('the owner publishes a password-protected ICS link, a client fetches it, then the owner revokes it', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(90_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, run } = relayRun(baseURL);
  const email = `mae-${run}@tessera.test`;
  await addPerson(`Links ${run}`, email, 'Mae Jemison');

  const devices: Device[] = [];
  try {
    const owner = await openDevice(browser, 'owner', { baseURL, locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport });
    devices.push(owner);
    const o = owner.page;
    await signIn(o, origin, email, PASSWORD);
    await expectSynced(o, 'Calendar');

    await goToDate(o, WEEK.mon);
    const dialog = await clickSlot(o, WEEK.wed, '10:00');
    await dialog.getByLabel('Title', { exact: true }).fill(TITLE);
    await dialog.getByLabel('Location', { exact: true }).fill(LOCATION);
    await dialog.getByLabel('Description', { exact: true }).fill(DESCRIPTION);
    await save(dialog);
    await expect(timeOf(timedEvent(o, WEEK.wed, TITLE))).toHaveText('10:00 - 11:00');
    await expectSynced(o, 'Calendar');

    // Publish: limited details, with a password.
    await calendarAction(o, 'Calendar', 'Permissions…');
    const perms = o.getByRole('dialog', { name: 'Permissions for Calendar' });
    await expect(perms).toBeVisible();
    const links = perms.getByRole('region', { name: 'Published links' });
    await expect(links.getByText('No published links.')).toBeVisible();
    await links.getByRole('button', { name: 'Publish link…' }).click();
    const form = links.getByRole('form', { name: 'Publish link' });
    await form.getByLabel('What it shows').selectOption({ label: 'Limited details' });
    await form.getByLabel('Password (optional)').fill(FEED_PASSWORD);
    await form.getByRole('button', { name: 'Publish', exact: true }).click();
    const address = links.getByLabel(/^New link/);
    await expect(address).toHaveValue(new RegExp(`^${origin}/ics/[A-Za-z0-9_-]{43}\\.ics$`));
    const url = await address.inputValue();
    await expect(links.getByRole('row').filter({ hasText: 'Limited details' })).toContainText('Yes');
    await expect(perms.getByRole('list', { name: 'Activity' })).toContainText('published a link (limited details, with a password)');
    await o.screenshot({ path: test.info().outputPath('ics-link-published.png') });

    // A calendar client: without the password 401, with it the feed at its level.
    const client = await browser.newContext();
    try {
      const missing = await client.request.get(url);
      expect(missing.status()).toBe(401);
      expect(missing.headers()['www-authenticate']).toMatch(/^Basic /);
      const wrong = await client.request.get(url, { headers: { Authorization: `Basic ${Buffer.from('x:nope').toString('base64')}` } });
      expect(wrong.status()).toBe(401);
      const right = await client.request.get(url, { headers: { Authorization: `Basic ${Buffer.from(`outlook:${FEED_PASSWORD}`).toString('base64')}`, 'User-Agent': 'E2E Calendar Client' } });
      expect(right.status()).toBe(200);
      expect(right.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      const body = await right.text();
      expect(body).toContain(TITLE);
      expect(body).toContain(LOCATION);
      expect(body).not.toContain('Fuel figures');

      // The access log shows the fetches.
      await links.getByRole('button', { name: 'Access log' }).click();
      const log = links.getByRole('list', { name: 'Access log of the Limited details link' });
      await expect(log.getByRole('listitem')).toHaveCount(3);
      await expect(log.getByRole('listitem').first()).toContainText('E2E Calendar Client');
      await o.screenshot({ path: test.info().outputPath('ics-link-access-log.png') });

      // Revoke in the app: the feed is gone.
      await links.getByRole('button', { name: 'Revoke', exact: true }).click();
      await links.getByRole('button', { name: 'Revoke link', exact: true }).click();
      await expect(links.getByRole('row').filter({ hasText: 'Limited details' })).toContainText('Revoked');
      await expect(perms.getByRole('list', { name: 'Activity' })).toContainText('revoked a published link (limited details)');
      const gone = await client.request.get(url, { headers: { Authorization: `Basic ${Buffer.from(`outlook:${FEED_PASSWORD}`).toString('base64')}` } });
      expect([404, 410]).toContain(gone.status());
    } finally {
      await client.close();
    }
    await perms.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(perms).toBeHidden();
    for (const d of devices) expect(d.errors).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});
