/** Import real DICOM through the UI (the file picker the clinician uses) and see the series split as they should be. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { missingDataMessage, sharedData } from '../testing/shared-data';
import { expect, test } from './fixtures';

function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .map((f) => path.join(dir, f));
}

const ct = sharedData('dicom/ct-chest-cptac-99');
const mr = sharedData('dicom/mr-brain-mixed');

test('importing the 99-slice chest CT gives one series of 99 images', async ({ workstation: page }, testInfo) => {
  test.skip(!ct, missingDataMessage('dicom/ct-chest-cptac-99'));
  await page.getByTestId('import-files-input').setInputFiles(filesIn(ct!));
  const job = page.getByTestId('job').filter({ hasText: 'Import 99 files' }).first();
  await expect(job).toHaveAttribute('data-state', 'succeeded', { timeout: 90_000 });
  await page.getByTestId('patient-item').filter({ hasText: 'C3N-00247' }).click();
  const series = page.getByTestId('series-item');
  await expect(series).toHaveCount(1);
  await expect(series).toContainText('99 images');
  await expect(series).toContainText('512×512');
  await testInfo.attach('ct-imported', { body: await page.screenshot(), contentType: 'image/png' });
});

test('importing the mixed MR folder keeps its series apart and names the files that are not DICOM', async ({ workstation: page }, testInfo) => {
  test.skip(!mr, missingDataMessage('dicom/mr-brain-mixed'));
  const files = filesIn(mr!);
  await page.getByTestId('import-files-input').setInputFiles(files);
  const job = page.getByTestId('job').filter({ hasText: `Import ${files.length} files` }).first();
  await expect(job).toHaveAttribute('data-state', 'succeeded', { timeout: 90_000 });
  await expect(job.getByTestId('job-message')).toContainText('4 series');
  await expect(job.getByTestId('job-message')).toContainText('3 files skipped');
  await expect(job.getByTestId('job-message')).toContainText('not a DICOM file');
  await page.getByTestId('patient-item').filter({ hasText: 'SpiralCSI' }).click();
  const series = page.getByTestId('series-item');
  await expect(series).toHaveCount(4);
  await expect(series.filter({ hasText: 'AX FSE T2' })).toContainText('55 images');
  await expect(series.filter({ hasText: 'MEMPRAGE' })).toContainText('175 images');
  await testInfo.attach('mr-imported', { body: await page.screenshot(), contentType: 'image/png' });
});
