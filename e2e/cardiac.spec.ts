/**
 * The cardiac workspace on the demo patient (the cardiac issue's UI e2e): choose a genotype (its channel change and
 * source are shown), enter a short dose protocol, run the epinephrine challenge as a job, then read QT and ΔQT per
 * dose, the dose–ΔQT chart with the LQT1 criterion, one pseudo-ECG per dose with its QT marked, and the run list.
 */
import { expect, openDemoPatient, test } from './fixtures';

test.use({ viewport: { width: 1600, height: 1100 } });

test('an epinephrine challenge runs from the cardiac workspace and shows QT, ΔQT, the chart and the ECGs', async ({ workstation: page }, testInfo) => {
  test.setTimeout(6 * 60_000);
  await openDemoPatient(page);
  await page.getByRole('tab', { name: 'Cardiac' }).click();

  // The genotype's channel change and its source follow the choice.
  const genotype = page.getByTestId('ep-genotype');
  await genotype.selectOption('lqt1');
  await expect(page.getByTestId('ep-genotype-change')).toContainText('IKs');
  await genotype.selectOption('control');
  await expect(page.getByTestId('ep-doses')).toHaveValue('0, 0.025, 0.05, 0.1, 0.2');

  // A bad protocol is explained and cannot be started.
  await page.getByTestId('ep-doses').fill('0, 5');
  await expect(page.getByTestId('ep-run')).toBeDisabled();
  await page.getByTestId('ep-doses').fill('0, 0.1');
  await page.getByTestId('ep-run').click();

  const job = page.getByTestId('ep-job');
  await expect(job).toHaveAttribute('data-state', /queued|running|succeeded/);
  await expect(page.getByTestId('job').filter({ hasText: 'Adrenaline challenge (control' }).first()).toBeVisible();
  await expect(job).toHaveAttribute('data-state', 'succeeded', { timeout: 5 * 60_000 });

  const rows = page.getByTestId('ep-result-row');
  await expect(rows).toHaveCount(2);
  const baseline = rows.and(page.locator('[data-dose="0"]'));
  const dosed = rows.and(page.locator('[data-dose="0.1"]'));
  await expect(baseline.getByTestId('ep-qt')).toHaveText(/^\d{3} ms$/);
  await expect(baseline.getByTestId('ep-dqt')).toHaveText('baseline');
  await expect(dosed.getByTestId('ep-qt')).toHaveText(/^\d{3} ms$/);
  await expect(dosed.getByTestId('ep-dqt')).toHaveText(/^[+−±]\d+ ms/);
  // Heart rate rises with the dose.
  const heartRate = async (row: typeof rows) => Number(await row.locator('td').nth(1).textContent());
  expect(await heartRate(dosed)).toBeGreaterThan(await heartRate(baseline));

  // The full run confirms the instant estimate: the surrogate's QT for the same question beside each simulated one.
  await expect(page.getByTestId('surrogate-check')).toContainText('ep-qt-surrogate v');
  await expect(page.getByTestId('surrogate-check-row')).toHaveCount(2);
  await expect(page.getByTestId('surrogate-check-qt').first()).toHaveText(/^\d{3} ms$/);

  const chart = page.getByTestId('ep-dqt-chart');
  await expect(chart).toBeVisible();
  await expect(chart.locator('polyline')).toHaveCount(1);
  await expect(chart).toContainText('Epinephrine (µg/kg/min)');
  await expect(chart).toContainText('ΔQT (ms)');
  await expect(chart).toContainText('LQT1: ΔQT ≥ +30 ms');

  const ecgs = page.getByTestId('ep-ecg');
  await expect(ecgs).toHaveCount(2);
  for (const ecg of await ecgs.all()) {
    await expect(ecg).toContainText(/QT \d{3} ms/);
    expect((await ecg.locator('path.ecg-trace').getAttribute('d'))!.length).toBeGreaterThan(1000);
  }
  await expect(page.getByTestId('ep-event').or(page.getByTestId('ep-no-events')).first()).toBeVisible();
  await expect(page.getByTestId('ep-run-item')).toHaveCount(1);

  await dosed.click();
  await expect(dosed).toHaveClass(/selected/);
  await testInfo.attach('cardiac-workspace', { body: await page.screenshot(), contentType: 'image/png' });
  await testInfo.attach('cardiac-chart', { body: await chart.screenshot(), contentType: 'image/png' });
  await testInfo.attach('cardiac-ecg', { body: await ecgs.nth(1).screenshot(), contentType: 'image/png' });
});

test('the QT surrogate previews QT, ΔQT and the arrhythmia probability at once, labelled as a model estimate', async ({ workstation: page }) => {
  await openDemoPatient(page);
  await page.getByRole('tab', { name: 'Cardiac' }).click();
  const estimate = page.getByTestId('surrogate-estimate');
  await expect(estimate).toContainText('model estimate · ep-qt-surrogate v');
  const ms = (id: string) => async () => Number(/([+−±]?\d+) ms/.exec((await page.getByTestId(id).textContent()) ?? '')?.[1]?.replace('−', '-').replace('±', ''));
  await expect.poll(ms('surrogate-qt')).toBeGreaterThan(250);
  await expect(page.getByTestId('surrogate-probability')).toHaveText(/^\d+ %$/);
  const control = await ms('surrogate-qt')();
  await page.getByTestId('surrogate-preset-lqt1').click(); // IKs loss without its β-AR response
  await expect.poll(ms('surrogate-qt')).toBeGreaterThan(control + 30);
  await page.getByTestId('surrogate-doseUgPerKgMin').fill('0');
  await expect(page.getByTestId('surrogate-dqt')).toHaveText('±0 ms');
});
