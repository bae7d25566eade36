import { defineConfig } from '@playwright/test';

// The renderer runs in Debian's Chromium: Electron's binary cannot be downloaded
// on our machines, and Playwright's own browser download is not allowed either.
const port = Number(process.env.TESSERA_E2E_PORT ?? 5317);

export default defineConfig({
  testDir: 'tests/e2e',
  // Per port, so runs on different ports never clean each other's results or relay data.
  outputDir: `test-results/pw-${port}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    trace: 'off',
  },
  webServer: {
    command: `node scripts/web.mjs --port ${port} --no-build --fresh --data test-results/e2e-relay-${port}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
