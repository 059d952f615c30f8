/**
 * One `workstation` fixture for both projects: a page of the web host in Chromium, or the first window of the
 * Electron app. Specs use only this fixture, so they run unchanged against both.
 */
import { test as base, _electron as electron, type Page } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const test = base.extend<{ workstation: Page }>({
  workstation: async ({ page }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const binary = electronBinary();
      testInfo.skip(
        binary === null,
        'Electron binary absent: it cannot be downloaded on these build machines (ELECTRON_SKIP_BINARY_DOWNLOAD); the same spec ran in Chromium against the web host.',
      );
      testInfo.skip(!existsSync('dist/app/main.cjs'), 'Electron build missing: run `npm run build` first.');
      const app = await electron.launch({
        executablePath: binary!,
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
