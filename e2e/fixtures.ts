/**
 * One `workstation` fixture for both projects: a page of the web host in Chromium, or the first window of the
 * Electron app. Specs use only this fixture, so they run unchanged against both.
 */
import { test as base, _electron as electron, type Page } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectronBinary } from '../bin/electron-binary.mjs';

export const test = base.extend<{ workstation: Page }>({
  workstation: async ({ page }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const electronFound = findElectronBinary();
      testInfo.skip(
        'missing' in electronFound,
        `Electron binary absent (${'missing' in electronFound ? electronFound.missing : ''}): it cannot be downloaded on these build machines; the same spec ran in Chromium against the web host.`,
      );
      testInfo.skip(!existsSync('dist/app/main.cjs'), 'Electron build missing: run `npm run build` first.');
      const app = await electron.launch({
        executablePath: 'binary' in electronFound ? electronFound.binary : '',
        args: ['dist/app/main.cjs'],
        env: { ...process.env, TWIN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'twin-e2e-electron-')) },
      });
      const window = await app.firstWindow();
      await use(window);
      await app.close();
      return;
    }
    const url = process.env.TWIN_E2E_URL;
    if (!url) throw new Error('TWIN_E2E_URL is not set: global setup did not start the web host');
    await page.goto(url);
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** Waits until the demo patient (imported on first start) is listed, and opens it. */
export async function openDemoPatient(page: Page): Promise<void> {
  const patient = page.getByTestId('patient-item').filter({ hasText: 'Demo' });
  await patient.waitFor({ timeout: 90_000 });
  await patient.click();
}
