/**
 * e2e specs are written once and run against the web host in Debian's Chromium, and against Electron where its
 * binary is present (the `electron` project is skipped with a message otherwise: see e2e/fixtures.ts).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    screenshot: 'on',
    trace: 'retain-on-failure',
    // Debian's Chromium; never `npx playwright install` (no browser downloads on these machines).
    launchOptions: {
      executablePath: process.env.TWIN_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium' }, { name: 'electron' }],
});
