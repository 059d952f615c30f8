/** Open the app → the demo patient is listed → open it → its series are shown → the tray shows the finished import. */
import { expect, test } from './fixtures';

test('the demo patient is imported on first start and can be opened', async ({ workstation: page }, testInfo) => {
  await expect(page.getByText('Twin Workstation').first()).toBeVisible();
  const importJob = page.getByTestId('job').filter({ hasText: 'Import the demo patient' });
  await expect(importJob).toHaveAttribute('data-state', 'succeeded', { timeout: 90_000 });

  const patient = page.getByTestId('patient-item').filter({ hasText: 'Demo' });
  await expect(patient).toBeVisible();
  await patient.click();

  const series = page.getByTestId('series-item');
  await expect(series.filter({ hasText: 'CT' })).toContainText('120 images');
  await expect(series.filter({ hasText: 'RTSTRUCT' })).toBeVisible();
  await series.filter({ hasText: 'CT' }).click();
  await expect(page.getByTestId('series-info')).toContainText('512 × 512');
  await testInfo.attach('demo-patient', { body: await page.screenshot(), contentType: 'image/png' });
});
