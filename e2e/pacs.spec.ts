/**
 * Query/Retrieve through the UI against a real PACS: Orthanc on loopback, loaded with the HFS MR series (35 images).
 * Add the node, verify it, search, retrieve the study as a job, and find the retrieved series in the patient list.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { missingDataMessage, sharedData } from '../testing/shared-data';
import { orthancMissingMessage, startOrthanc, type TestOrthanc } from '../testing/orthanc';
import { expect, test } from './fixtures';

const HFS = 'dicom/orientation/HFS';
const hfs = sharedData(HFS);
let orthanc: TestOrthanc | undefined;

test.beforeAll(async () => {
  if (!hfs) return;
  orthanc = await startOrthanc();
  await orthanc?.upload(readdirSync(hfs).filter((f) => f.endsWith('.dcm')).map((f) => path.join(hfs, f)));
});
test.afterAll(async () => {
  await orthanc?.stop();
});

test('a study found on Orthanc over DICOMweb is retrieved into the patient list', async ({ workstation: page }, testInfo) => {
  test.skip(!hfs, missingDataMessage(HFS));
  test.skip(!orthanc, orthancMissingMessage);

  await page.getByTestId('open-pacs').click();
  const panel = page.getByTestId('pacs-panel');
  await expect(panel).toBeVisible();

  // A wrong URL first: saving works, Verify says clearly that nothing answers.
  await panel.getByTestId('pacs-add-node').click();
  await panel.getByTestId('pacs-node-name').fill('Nowhere');
  await panel.getByTestId('pacs-node-url').fill('http://127.0.0.1:9/dicom-web');
  await panel.getByTestId('pacs-node-save').click();
  const nowhere = panel.getByTestId('pacs-node').filter({ hasText: 'Nowhere' });
  await nowhere.getByTestId('pacs-verify').click();
  await expect(nowhere.getByTestId('pacs-echo')).toContainText('✗');

  await panel.getByTestId('pacs-add-node').click();
  await panel.getByTestId('pacs-node-name').fill('Test Orthanc');
  await panel.getByTestId('pacs-node-kind-dicomweb').check();
  await panel.getByTestId('pacs-node-url').fill(orthanc!.dicomWebUrl);
  await panel.getByTestId('pacs-node-save').click();
  const node = panel.getByTestId('pacs-node').filter({ hasText: 'Test Orthanc' });
  await expect(node).toHaveClass(/selected/);
  await node.getByTestId('pacs-verify').click();
  await expect(node.getByTestId('pacs-echo')).toContainText(/✓ \d+ ms/);

  // The same PACS over DIMSE: C-ECHO answers; edited to a wrong called AE title, the association is refused.
  await panel.getByTestId('pacs-add-node').click();
  await panel.getByTestId('pacs-node-name').fill('Orthanc DIMSE');
  await panel.getByTestId('pacs-node-kind-dimse').check();
  await panel.getByTestId('pacs-node-host').fill('127.0.0.1');
  await panel.getByTestId('pacs-node-port').fill(String(orthanc!.dicomPort));
  await panel.getByTestId('pacs-node-calledAe').fill(orthanc!.aet);
  await panel.getByTestId('pacs-node-save').click();
  const dimse = panel.getByTestId('pacs-node').filter({ hasText: 'Orthanc DIMSE' });
  await dimse.getByTestId('pacs-verify').click();
  await expect(dimse.getByTestId('pacs-echo')).toContainText(/✓ \d+ ms/);
  await dimse.getByRole('button', { name: 'Edit' }).click();
  await panel.getByTestId('pacs-node-calledAe').fill('NOT-ORTHANC');
  await panel.getByTestId('pacs-node-save').click();
  await dimse.getByTestId('pacs-verify').click();
  await expect(dimse.getByTestId('pacs-echo')).toContainText('✗');

  await node.getByRole('button', { name: 'Test Orthanc' }).click();
  await expect(node).toHaveClass(/selected/);
  await panel.getByTestId('pacs-query-patientId').fill('crlab');
  await panel.getByTestId('pacs-query-modality').fill('MR');
  await panel.getByTestId('pacs-search').click();
  const study = panel.getByTestId('pacs-study');
  await expect(study).toHaveCount(1);
  await expect(study).toContainText('HFS');
  await expect(study).toContainText('2022-04-07');
  // The study's series, listed on demand (each could be retrieved alone).
  await study.getByTestId('pacs-show-series').click();
  const seriesRow = panel.getByTestId('pacs-series');
  await expect(seriesRow).toHaveCount(1);
  await expect(seriesRow).toContainText('t1_fl2d_sag');
  await expect(seriesRow).toContainText('35 images');
  await testInfo.attach('pacs-search', { body: await page.screenshot(), contentType: 'image/png' });

  await study.getByTestId('pacs-retrieve').click();
  const job = page.getByTestId('job').filter({ hasText: 'from Test Orthanc' }).first();
  await expect(job).toHaveAttribute('data-state', 'succeeded', { timeout: 90_000 });
  await expect(study.getByTestId('pacs-retrieve-state')).toHaveText('succeeded');
  await expect(job.getByTestId('job-message')).toContainText('1 series, 35 objects imported');
  await testInfo.attach('pacs-retrieved-job', { body: await page.screenshot(), contentType: 'image/png' });

  await panel.getByTestId('pacs-close').click();
  await page.getByTestId('patient-item').filter({ hasText: 'crlab' }).filter({ hasText: 'HFS' }).click();
  const series = page.getByTestId('series-item');
  await expect(series).toHaveCount(1);
  await expect(series).toContainText('35 images');
  await expect(series.getByTestId('series-thumbnail')).toBeVisible();
  await testInfo.attach('pacs-retrieved', { body: await page.screenshot(), contentType: 'image/png' });
});
