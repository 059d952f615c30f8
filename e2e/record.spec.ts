/** The EHR record: import a FHIR bundle through the UI, link the demo patient to it by hand, see timeline and charts. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { missingDataMessage, sharedData } from '../testing/shared-data';
import { expect, test } from './fixtures';

const synthea = sharedData('fhir/synthea-r4');

test('a FHIR bundle imported and linked by hand shows conditions, medications and observation charts', async ({ workstation: page }, testInfo) => {
  test.skip(!synthea, missingDataMessage('fhir/synthea-r4'));
  const bundle = readdirSync(synthea!).find((f) => f.startsWith('Alberto_Atencio'))!;
  await page.getByTestId('patient-item').filter({ hasText: 'Demo' }).click();
  await page.getByRole('tab', { name: 'EHR record' }).click();
  await expect(page.getByTestId('record-linked')).toContainText('Not linked');

  await page.getByTestId('record-import-input').setInputFiles(path.join(synthea!, bundle));
  await expect(page.getByTestId('record-import-status')).toContainText('resources imported', { timeout: 60_000 });

  const choose = page.getByTestId('record-choose');
  const option = choose.locator('option', { hasText: 'Atencio' }).first();
  await choose.selectOption((await option.getAttribute('value'))!);
  await page.getByTestId('record-link').click();
  await expect(page.getByTestId('record-linked')).toContainText('Linked to FHIR Patient');
  await expect(page.getByTestId('record-item').first()).toBeVisible();
  await expect(page.getByTestId('record-chart').first()).toBeVisible();
  await expect(page.getByTestId('record-charts')).toContainText('mm[Hg]');
  await testInfo.attach('ehr-record', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});
