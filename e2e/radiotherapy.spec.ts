/**
 * Radiotherapy from the UI: plan the TG-119 multitarget phantom, see every goal met and the DVH, then scale the
 * dose to 120 % in the what-if panel and see the target's TCP and the mean doses rise (recomputed in the browser).
 * The multitarget phantom has targets only, so the organ-at-risk side is checked on the demo patient's lung plan.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { drawnFraction } from './canvas-pixels';
import { expect, openDemoPatient, test } from './fixtures';

/** The 3D beams view's background (renderer/radiotherapy/beams-scene.ts), in 8-bit RGB. */
const BEAMS_BACKGROUND = [15, 20, 33] as const;

async function openRadiotherapy(page: Page): Promise<void> {
  // Tall enough that a screenshot holds the whole workspace (the shell scrolls inside, not the page).
  await page.setViewportSize({ width: 1600, height: 1900 });
  await openDemoPatient(page);
  await page.getByRole('tab', { name: 'Radiotherapy' }).click();
  await expect(page.getByTestId('rt-workspace')).toBeVisible();
}

const numberAttr = async (row: Locator, name: string): Promise<number> => Number(await row.getAttribute(name));

test('plan the TG-119 multitarget phantom, meet its goals and ask "what if +20 %"', async ({ workstation: page }, testInfo) => {
  test.setTimeout(7 * 60_000);
  await openRadiotherapy(page);
  // The structure set of the demo patient is offered for a patient plan, with the tumour as target.
  await expect(page.getByTestId('rt-roi').filter({ hasText: 'tumour' })).toHaveAttribute('data-role', 'target');
  await expect(page.getByTestId('rt-roi').filter({ hasText: 'spinal_cord' })).toHaveAttribute('data-role', 'oar');

  await page.getByTestId('rt-phantom-select').selectOption('tg119-multitarget');
  await page.getByTestId('rt-plan-phantom').click();
  await expect(page.getByTestId('rt-job')).toHaveAttribute('data-state', 'running');
  await testInfo.attach('rt-planning', { body: await page.screenshot(), contentType: 'image/png' });
  await expect(page.getByTestId('rt-job')).toHaveAttribute('data-state', 'succeeded', { timeout: 5 * 60_000 });

  const view = page.getByTestId('rt-plan-view');
  await expect(view).toContainText('tg119-multitarget');
  const goals = view.getByTestId('rt-goal');
  await expect(goals).toHaveCount(6);
  await expect(view.locator('[data-testid="rt-goal"][data-pass="false"]')).toHaveCount(0);
  await expect(view.getByTestId('rt-dvh').locator('path.curve')).toHaveCount(3);
  await expect(view.getByTestId('rt-dvh')).toContainText('Dose (Gy)');
  await expect(view.getByTestId('rt-model-note')).toContainText('model: LQ/LKB');
  await expect(view.getByTestId('rt-model-note')).toContainText('Webb & Nahum');
  await expect(view.getByTestId('rt-dose-wash')).toBeVisible();
  // The 3D view: the three targets and the 7 beams' field pyramids, drawn (not a blank canvas).
  const beams3d = view.getByTestId('rt-beams-3d');
  await expect(beams3d).toHaveAttribute('data-beams', '7');
  await expect(beams3d).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => drawnFraction(page, beams3d, BEAMS_BACKGROUND), { message: 'structures and beams are drawn' }).toBeGreaterThan(0.05);
  await testInfo.attach('rt-plan', { body: await page.screenshot(), contentType: 'image/png' });

  const central = view.getByTestId('rt-structure-row').and(page.locator('[data-name="Central"]'));
  const inferior = view.getByTestId('rt-structure-row').and(page.locator('[data-name="Inferior"]'));
  const tcpBefore = await numberAttr(central, 'data-tcp');
  const meanBefore = await numberAttr(inferior, 'data-mean-gy');
  expect(meanBefore).toBeGreaterThan(10);

  await view.getByTestId('rt-whatif-scale').fill('120');
  await expect(view.getByTestId('rt-whatif-scale')).toHaveValue('120');
  await expect.poll(() => numberAttr(central, 'data-tcp')).toBeGreaterThan(tcpBefore);
  await expect.poll(() => numberAttr(inferior, 'data-mean-gy')).toBeCloseTo(meanBefore * 1.2, 2);
  // The planned curves stay beneath, dashed, for comparison.
  await expect(view.getByTestId('rt-dvh').locator('path.reference')).toHaveCount(3);
  await testInfo.attach('rt-what-if-120', { body: await page.screenshot(), contentType: 'image/png' });

  // Fewer fractions of the same dose: the EQD2 climbs, so TCP climbs further.
  const tcpAt120 = await numberAttr(central, 'data-tcp');
  await view.getByTestId('rt-whatif-fractions').fill('10');
  await expect.poll(() => numberAttr(central, 'data-tcp')).toBeGreaterThan(tcpAt120);
});

test('a patient plan is set up from the structure set and beam editor, starts as a job and can be cancelled', async ({ workstation: page }, testInfo) => {
  await openRadiotherapy(page);
  const roi = (name: string) => page.getByTestId('rt-roi').and(page.locator(`[data-name="${name}"]`));
  await expect(roi('tumour')).toHaveAttribute('data-role', 'target');
  for (const oar of ['lung_left', 'lung_right', 'heart', 'spinal_cord']) await expect(roi(oar)).toHaveAttribute('data-role', 'oar');
  await expect(roi('body')).toHaveAttribute('data-role', 'none');
  // The myocardium is part of the heart: leave it out; lay out 5 equispaced beams and add one at 90°.
  await roi('myocardium').getByRole('combobox').selectOption('none');
  await page.getByRole('button', { name: '5 equispaced' }).click();
  await page.getByLabel('Gantry angle').fill('90');
  await page.getByRole('button', { name: 'Add beam' }).click();
  await expect(page.getByTestId('rt-beam')).toHaveText(['0°×', '72°×', '90°×', '144°×', '216°×', '288°×']);
  await expect(page.getByTestId('rt-plan-patient')).toHaveText('Plan tumour');

  await page.getByTestId('rt-plan-patient').click();
  const job = page.getByTestId('rt-job');
  await expect(job).toHaveAttribute('data-state', 'running');
  // The tray also lists plans of earlier specs (kbp.spec.ts plans the same tumour): look for the running one.
  const trayJob = page.getByTestId('job').and(page.locator('[data-state="running"]')).filter({ hasText: 'Plan tumour: 60 Gy in 30 fractions' });
  await expect(trayJob).toBeVisible();
  await testInfo.attach('rt-patient-planning', { body: await page.screenshot(), contentType: 'image/png' });
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(job).toHaveAttribute('data-state', 'cancelled');
});

test('plan the demo patient\'s lung tumour: goals met, and at 120 % the lung\'s mean dose and NTCP rise', async ({ workstation: page }, testInfo) => {
  test.setTimeout(7 * 60_000);
  await openRadiotherapy(page);
  await expect(page.getByTestId('rt-roi').and(page.locator('[data-name="tumour"]'))).toHaveAttribute('data-role', 'target');
  await page.getByTestId('rt-plan-patient').click();
  await expect(page.getByTestId('rt-job')).toHaveAttribute('data-state', 'succeeded', { timeout: 5 * 60_000 });

  const view = page.getByTestId('rt-plan-view');
  await expect(view).toContainText('Plan tumour');
  // The plan's DICOM, the planned structures included, offered for download; the RTSTRUCT arrives as Part 10.
  await expect(view.getByTestId('rt-download')).toHaveText(['RTSTRUCT', 'RTPLAN', 'RTDOSE']);
  const [download] = await Promise.all([page.waitForEvent('download'), view.getByTestId('rt-download').first().click()]);
  expect(download.suggestedFilename()).toBe('RTSTRUCT.dcm');
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(128, 132).toString('latin1')).toBe('DICM');
  expect(bytes.includes(Buffer.from('RTSTRUCT'))).toBe(true);
  await expect(view.getByTestId('rt-beams-3d')).toHaveAttribute('data-beams', '9');
  await expect(view.getByTestId('rt-beams-3d')).toHaveAttribute('data-state', 'ready');
  await testInfo.attach('rt-patient-beams-3d', { body: await view.getByTestId('rt-beams-3d').screenshot(), contentType: 'image/png' });
  await expect(view.locator('[data-testid="rt-goal"][data-pass="false"]')).toHaveCount(0);
  const row = (name: string) => view.getByTestId('rt-structure-row').and(page.locator(`[data-name="${name}"]`));
  for (const name of ['PTV', 'lung_left', 'lung_right', 'heart', 'spinal_cord']) await expect(row(name)).toBeVisible();
  await expect(row('lung_right')).toHaveAttribute('data-role', 'oar');
  const lungMean = await numberAttr(row('lung_right'), 'data-mean-gy');
  const lungNtcp = await numberAttr(row('lung_right'), 'data-ntcp');
  const ptvTcp = await numberAttr(row('PTV'), 'data-tcp');

  await view.getByTestId('rt-whatif-scale').fill('120');
  await expect.poll(() => numberAttr(row('lung_right'), 'data-mean-gy')).toBeCloseTo(lungMean * 1.2, 2);
  await expect.poll(() => numberAttr(row('lung_right'), 'data-ntcp')).toBeGreaterThan(lungNtcp);
  await expect.poll(() => numberAttr(row('PTV'), 'data-tcp')).toBeGreaterThan(ptvTcp);
  await testInfo.attach('rt-patient-what-if-120', { body: await page.screenshot(), contentType: 'image/png' });

  // Switching every beam off leaves no dose.
  for (const beam of await view.getByTestId('rt-whatif-beam').all()) await beam.uncheck();
  await expect.poll(() => numberAttr(row('PTV'), 'data-mean-gy')).toBe(0);

  // The plan's dose as a colour wash over the CT in the 2D viewer, with the structures.
  await page.getByRole('tab', { name: 'Viewer' }).click();
  await page.getByTestId('series-item').filter({ has: page.locator('.modality', { hasText: /^CT$/ }) }).click();
  await expect(page.getByTestId('viewer-slice-indicator').first()).toHaveText(/^Im \d+\/120$/, { timeout: 60_000 });
  await expect(page.getByTestId('viewer-dose-toggle')).toBeChecked();
  await expect(page.getByTestId('viewer-dose-wash').first()).toBeVisible();
  // Scroll to the tumour's slice (its centre is at z = 55 mm) and see dose drawn there.
  await page.getByTestId('viewer-viewport').first().hover();
  // From the middle slice (z ≈ −1 mm) 22 slices of 2.5 mm towards the head, one key press at a time.
  const indicator = page.getByTestId('viewer-slice-indicator').first();
  const sliceNumber = async () => Number(/^Im (\d+)\//.exec((await indicator.textContent()) ?? '')?.[1]);
  const start = await sliceNumber();
  for (let n = 1; n <= 22; n++) {
    await page.keyboard.press('ArrowDown');
    await expect.poll(sliceNumber).toBe(start + n);
  }
  await expect(page.getByTestId('viewer-viewport').first().locator('..')).toContainText(/Loc 5\d\.\d mm/);
  const washPixels = () =>
    page.getByTestId('viewer-dose-wash').first().evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
  await expect.poll(washPixels).toBeGreaterThan(50);
  await testInfo.attach('rt-dose-wash-in-viewer', { body: await page.screenshot(), contentType: 'image/png' });
  await page.getByTestId('viewer-dose-toggle').uncheck();
  await expect(page.getByTestId('viewer-dose-wash')).toHaveCount(0);
});
