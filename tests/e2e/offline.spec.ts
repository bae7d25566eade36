import { expect, test } from './support/offlineTest';

// Self-test of the offline fixture the other specs rely on.
test('the network is really off after the first load, and a reload still works from the app files on disk', async ({ app }) => {
  const { page } = app;
  // The test server is still running and would answer 404: a failed fetch shows the request never reached it.
  const outcome = await page.evaluate(() =>
    fetch('/not-a-file-of-the-app.txt').then(
      (r) => `answered ${r.status}`,
      () => 'failed',
    ),
  );
  expect(outcome).toBe('failed');
  expect(app.unservedRequests).toEqual([`${app.origin}/not-a-file-of-the-app.txt`]);
  app.unservedRequests.length = 0;

  await app.reload();
  expect(app.servedFromDisk).toContain('/');
  expect(app.servedFromDisk.some((p) => /^\/assets\/index-.*\.js$/.test(p))).toBe(true);
  await expect(page.getByRole('toolbar', { name: 'Navigation and views' })).toBeVisible();

  const second = await app.openWindow();
  await expect(second.getByRole('button', { name: 'New event' })).toBeVisible();
  expect(app.foreignRequests).toEqual([]);
});
