import { readFileSync } from 'node:fs';
import { expect, test } from './support/offlineTest';
import { calendarAction, openDevice, relayAdmin, signIn, syncLine, type Device } from './support/relayDevices';
import { addPerson, PASSWORD, relayRun } from './support/relayPeople';

/*
 * The admin page against the real relay: an admin sees a share of their
 * organisation (made by its owner, here through the CLI) in Administration ›
 * Shares, revokes it, and finds it in the Audit tab; the policies tab saves a
 * policy; a person who is not an admin has no Administration button at all.
 */


test('an admin reviews and revokes a share; a non-admin has no admin page', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const { origin, run } = relayRun(baseURL);
  const org = `Review ${run}`;
  const adminEmail = `ada-${run}@tessera.test`;
  const ownerEmail = `olga-${run}@tessera.test`;
  const recipientEmail = `rita-${run}@tessera.test`;
  await addPerson(org, adminEmail, 'Ada Admin', { admin: true });
  await addPerson(org, ownerEmail, 'Olga Owner');
  await addPerson(org, recipientEmail, 'Rita Recipient');

  const devices: Device[] = [];
  try {
    // The owner signs in: her first calendar is registered on the relay, then shared with Rita.
    const owner = await openDevice(browser, 'owner', { baseURL, viewport });
    devices.push(owner);
    await signIn(owner.page, origin, ownerEmail, PASSWORD);
    await expect(syncLine(owner.page, 'Calendar')).toHaveText(/^Synced/, { timeout: 30_000 });
    // A person who is not an admin has no way to the page.
    await expect(owner.page.getByRole('button', { name: 'Administration' })).toHaveCount(0);
    const listed = await relayAdmin('list-calendars', '--org', org);
    const calendarId = /^(\S+)\s+Calendar\s+owner: /m.exec(listed)?.[1];
    expect(calendarId, listed).toBeTruthy();
    await relayAdmin('share', '--calendar', calendarId!, '--email', recipientEmail, '--level', 'reviewer');

    const admin = await openDevice(browser, 'admin', { baseURL, viewport });
    devices.push(admin);
    const a = admin.page;
    await signIn(a, origin, adminEmail, PASSWORD);
    await a.getByRole('button', { name: 'Administration' }).click();
    const page = a.getByRole('dialog', { name: 'Administration' });
    await expect(page).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Shares' })).toHaveAttribute('aria-selected', 'true');
    const table = page.getByRole('table', { name: 'Shares' });
    const row = table.getByRole('row').filter({ hasText: 'Rita Recipient' });
    await expect(row).toContainText('Olga Owner');
    await expect(row).toContainText('Can view all details');
    await expect(row).toContainText('Never');

    // Filters: a level with no share shows none; back to all levels shows it again.
    await page.getByLabel('Level').selectOption({ label: 'Can edit' });
    await expect(page.getByText('No shares match.')).toBeVisible();
    await page.getByLabel('Level').selectOption({ label: 'All levels' });
    await expect(row).toBeVisible();
    await a.screenshot({ path: test.info().outputPath('admin-shares.png') });

    await row.getByRole('button', { name: /^Revoke Calendar for Rita Recipient$/ }).click();
    const confirm = a.getByRole('dialog', { name: 'Revoke this share?' });
    await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText('No shares match.')).toBeVisible();

    await page.getByRole('tab', { name: 'Audit' }).click();
    await expect(page.getByRole('list', { name: 'Audit log' })).toContainText('revoked the share with user');

    await page.getByRole('tab', { name: 'Policies' }).click();
    await page.getByLabel('External sharing').selectOption({ label: 'At most: Can view titles and locations' });
    await page.getByLabel('Published ICS links').selectOption({ label: 'Not allowed' });
    await page.getByRole('button', { name: 'Save policies' }).click();
    await expect(page.getByRole('status')).toHaveText('Policies saved.');
    await a.screenshot({ path: test.info().outputPath('admin-policies.png') });
    expect(await relayAdmin('policy', '--org', org)).toContain('External sharing: at most limited');
    expect(await relayAdmin('shares', '--org', org)).toContain('0 shares');

    // Backup: the whole organisation as one file; restoring it here changes nothing that exists.
    await page.getByRole('tab', { name: 'Backup' }).click();
    const download = a.waitForEvent('download');
    await page.getByRole('button', { name: 'Export the organisation', exact: true }).click();
    const exportText = readFileSync(await (await download).path(), 'utf8');
    const exported = JSON.parse(exportText) as { format: string; body: { kind: string; org: { name: string }; calendars: unknown[] } };
    expect(exported).toMatchObject({ format: 'tessera-export', body: { kind: 'org', org: { name: org } } });
    expect(exported.body.calendars.length).toBeGreaterThan(0);
    await page.getByLabel('Export file to restore').setInputFiles({ name: 'org.json', mimeType: 'application/json', buffer: Buffer.from(exportText) });
    await expect(page.getByRole('status')).toHaveText('Nothing to restore: every calendar in the file is already here or in Deleted calendars, and was left as it is.');
    await a.screenshot({ path: test.info().outputPath('admin-backup.png') });

    // The owner's Publish link form shows the refusal, naming the policy.
    const o = owner.page;
    await calendarAction(o, 'Calendar', 'Permissions…');
    const links = o.getByRole('dialog', { name: 'Permissions for Calendar' }).getByRole('region', { name: 'Published links' });
    await links.getByRole('button', { name: 'Publish link…' }).click();
    await links.getByRole('form', { name: 'Publish link' }).getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(links.getByRole('alert')).toContainText("Your organisation's policy 'Published ICS links' does not allow publishing ICS links.");
    await o.screenshot({ path: test.info().outputPath('publish-refused.png') });

    for (const d of devices) expect(d.errors).toEqual([]);
  } finally {
    for (const d of devices) await d.context.close();
  }
});
