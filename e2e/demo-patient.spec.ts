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
  const byModality = (modality: string) => series.filter({ has: page.locator('.modality', { hasText: new RegExp(`^${modality}$`) }) });
  await expect(series).toHaveCount(2);
  await expect(byModality('CT')).toContainText('120 images · 512×512 · 0.90 × 0.90 × 2.50 mm');
  await expect(byModality('RTSTRUCT')).toContainText('1 object');
  // The CT shows a thumbnail of its middle slice (made on the main side); the structure set, having no pixels, none.
  const thumbnail = byModality('CT').getByTestId('series-thumbnail');
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(128);
  const box = await thumbnail.boundingBox();
  expect(box?.width).toBeGreaterThan(0);
  expect(box?.height).toBeGreaterThan(0);
  await expect(byModality('RTSTRUCT').getByTestId('series-thumbnail')).toHaveCount(0);
  await expect(page.getByTestId('job').filter({ hasText: 'Import the demo patient' })).toContainText('2 series, 121 objects imported');
  await testInfo.attach('demo-patient', { body: await page.screenshot(), contentType: 'image/png' });
});
