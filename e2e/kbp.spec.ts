/**
 * Knowledge-based planning from the UI: on the demo patient, "Propose objectives" fills each OAR's objectives with the
 * dose-volume predictor's estimates (labelled as model estimates with the model version; an OAR outside the model's
 * training range keeps the default objective and says so), the planner edits one and accepts, and the plan records
 * that its objectives came from the model.
 */
import { readFileSync } from 'node:fs';
import { expect, openDemoPatient, test } from './fixtures';

const { version } = JSON.parse(readFileSync('native-models/dose-volume-predictor.card.json', 'utf8')) as { version: string };

test('propose OAR objectives with the dose-volume predictor, edit, accept and plan with them', async ({ workstation: page }, testInfo) => {
  test.setTimeout(8 * 60_000);
  await page.setViewportSize({ width: 1600, height: 1900 });
  await openDemoPatient(page);
  await page.getByRole('tab', { name: 'Radiotherapy' }).click();
  await expect(page.getByTestId('rt-roi').and(page.locator('[data-name="tumour"]'))).toHaveAttribute('data-role', 'target');

  await page.getByTestId('rt-propose-objectives').click();
  const rows = page.getByTestId('rt-proposal-row');
  await expect(rows.first()).toBeVisible({ timeout: 2 * 60_000 });
  for (const label of await page.getByTestId('rt-proposal-label').allTextContents()) expect(label).toBe(`model estimate · dose-volume-predictor v${version}`);
  // Every OAR is either proposed for or refused (with the default objective kept), never silently dropped.
  const proposed = new Set(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-oar'))));
  const refused = await page.getByTestId('rt-proposal-refused').count();
  const oars = await page.locator('[data-testid="rt-roi"][data-role="oar"]').count();
  expect(proposed.size + refused).toBe(oars);

  const cordMean = page.getByLabel('spinal_cord meanDose objective (Gy)');
  if (await cordMean.count()) await cordMean.fill('3');
  await page.getByTestId('rt-accept-objectives').check();
  await expect(page.getByText(`OAR objectives: model estimate · dose-volume-predictor v${version}`)).toBeVisible();
  await testInfo.attach('rt-kbp-proposal', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByTestId('rt-plan-patient').click();
  await expect(page.getByTestId('rt-job')).toHaveAttribute('data-state', 'succeeded', { timeout: 6 * 60_000 });
  await expect(page.getByTestId('rt-plan-objectives-from')).toContainText(`dose-volume-predictor v${version}`);
});
