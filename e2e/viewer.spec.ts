/**
 * The 2D/MPR viewer on a real CT: the image is drawn (not a blank canvas), scrolling moves the slice, a window
 * preset changes W/L, a length measured by dragging reads in mm, MPR shows three drawn views, '?' lists the keys.
 * Runs on the demo patient's CT, and on the 99-slice CPTAC chest CT imported through the UI (the e2e).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { missingDataMessage, sharedData } from '../testing/shared-data';
import { expect, openDemoPatient, test } from './fixtures';

test.use({ viewport: { width: 1600, height: 1000 } });

/** Share of sampled canvas pixels that are not black, and how many grey levels they span: a drawn CT has both. */
async function canvasContent(viewport: Locator): Promise<{ litFraction: number; distinctLevels: number }> {
  return viewport.evaluate((element) => {
    const canvas = element.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.width === 0) return { litFraction: 0, distinctLevels: 0 };
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let lit = 0;
    let sampled = 0;
    const levels = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) {
      sampled++;
      if (data[i]! > 10) lit++;
      levels.add(data[i]!);
    }
    return { litFraction: lit / sampled, distinctLevels: levels.size };
  });
}

async function expectDrawn(viewport: Locator): Promise<void> {
  const message = 'the viewport shows an image, not a blank canvas';
  await expect.poll(async () => (await canvasContent(viewport)).litFraction, { message }).toBeGreaterThan(0.05);
  await expect.poll(async () => (await canvasContent(viewport)).distinctLevels, { message }).toBeGreaterThan(20);
}

/** Drags with the left button between two points given as fractions of the viewport's box. */
async function drag(page: Page, viewport: Locator, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 12 });
  await page.mouse.up();
}

async function exerciseViewer(page: Page, testInfo: TestInfo, sliceCount: number, openSeries: () => Promise<void>): Promise<void> {
  const viewport = page.getByTestId('viewer-viewport').first();
  const indicator = page.getByTestId('viewer-slice-indicator').first();
  const started = Date.now();
  await openSeries();
  await expect(indicator).toHaveText(new RegExp(`^Im \\d+/${sliceCount}$`), { timeout: 60_000 });
  // A figure, not an assertion (no timing assertions): quoted in the report.
  testInfo.annotations.push({ type: 'time to first image', description: `${Date.now() - started} ms from the series click` });
  await expectDrawn(viewport);
  await testInfo.attach('stack', { body: await page.screenshot(), contentType: 'image/png' });

  // Scroll by wheel, then by keys.
  const before = await indicator.textContent();
  await viewport.hover();
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 120);
  await expect(indicator).not.toHaveText(before!);
  const afterWheel = await indicator.textContent();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(indicator).not.toHaveText(afterWheel!);

  // Cine plays through the slices until stopped.
  const beforeCine = await indicator.textContent();
  await page.getByTestId('viewer-cine').click();
  await expect(indicator).not.toHaveText(beforeCine!);
  await page.getByTestId('viewer-cine').click();
  await expect(page.getByTestId('viewer-cine')).toHaveText(/Cine/);

  // Window/level by dragging (the default left-button tool).
  const windowText = page.getByTestId('viewer-window').first();
  const beforeDrag = await windowText.textContent();
  await drag(page, viewport, [0.5, 0.5], [0.7, 0.6]);
  await expect(windowText).not.toHaveText(beforeDrag!);

  await page.getByTestId('wl-preset-lung').click();
  await expect(page.getByTestId('viewer-window').first()).toHaveText(/^W 1500 L -600/);

  await page.keyboard.press('i');
  await expect(page.getByTestId('viewer-window').first()).toContainText('inverted');
  await page.keyboard.press('i');
  await expect(page.getByTestId('viewer-window').first()).not.toContainText('inverted');

  await page.getByTestId('tool-length').click();
  // Along the viewport's shorter side, which the fitted image spans, so the length does not depend on the layout's
  // aspect ratio (a wide viewport shows empty space beside the image).
  const box = (await viewport.boundingBox())!;
  const wide = box.width >= box.height;
  await drag(page, viewport, wide ? [0.5, 0.35] : [0.35, 0.5], wide ? [0.5, 0.65] : [0.65, 0.5]);
  const value = page.getByTestId('measurement-value').first();
  await expect(value).toHaveText(/^\d+(\.\d)? mm$/);
  // About 30 % of the field of view: tens to a few hundred mm on a CT, never zero.
  const lengthMm = parseFloat((await value.textContent())!);
  expect(lengthMm).toBeGreaterThan(20);
  expect(lengthMm).toBeLessThan(400);
  await page.getByTestId('tool-ellipticalroi').click();
  await drag(page, viewport, [0.45, 0.3], [0.55, 0.4]);
  const roiStats = /^mean -?\d+\.\d HU · SD \d+\.\d HU · area \d+\.\d mm²$/;
  await expect(page.getByTestId('measurement-value').nth(1)).toHaveText(roiStats);
  await page.getByTestId('tool-rectangleroi').click();
  await drag(page, viewport, [0.45, 0.6], [0.55, 0.7]);
  await expect(page.getByTestId('measurement-value').nth(2)).toHaveText(roiStats);
  await testInfo.attach('stack-lung-length', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByTestId('viewer-mode-mpr').click();
  await expect(page.getByTestId('viewer-viewport')).toHaveCount(3);
  await expect(page.getByTestId('viewer-slice-indicator')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByTestId('viewer-volume-progress')).toHaveCount(0, { timeout: 90_000 });
  for (const plane of ['axial', 'sagittal', 'coronal']) await expectDrawn(page.locator(`[data-testid=viewer-viewport][data-plane=${plane}]`));
  // The sagittal view looks from the patient's left: anterior on the left of the screen, head at the top.
  const sagittal = page.locator('.viewport-box.sagittal');
  await expect(sagittal.getByTestId('orientation-top')).toHaveText('H');
  await expect(sagittal.getByTestId('orientation-left')).toHaveText('A');
  await page.getByTestId('wl-preset-bone').click();
  await expect(page.getByTestId('viewer-window')).toHaveText(Array(3).fill(/^W 1800 L 400/));
  await testInfo.attach('mpr-bone', { body: await page.screenshot(), contentType: 'image/png' });

  await page.keyboard.press('?');
  await expect(page.getByTestId('viewer-help-panel')).toContainText('Next image');
  await testInfo.attach('help', { body: await page.screenshot(), contentType: 'image/png' });
}

test("the demo patient's CT shows in stack and MPR, scrolls, windows and measures", async ({ workstation: page }, testInfo) => {
  await openDemoPatient(page);
  await exerciseViewer(page, testInfo, 120, () => page.getByTestId('series-item').filter({ has: page.locator('.modality', { hasText: /^CT$/ }) }).click());
});

const cptac = 'dicom/ct-chest-cptac-99';
test('a CT imported through the UI opens in the viewer', async ({ workstation: page }, testInfo) => {
  const dir = sharedData(cptac);
  test.skip(!dir, missingDataMessage(cptac));
  const files = readdirSync(dir!).map((f) => path.join(dir!, f));
  await page.getByTestId('import-files-input').setInputFiles(files);
  await expect(page.getByTestId('job').filter({ hasText: `Import ${files.length} files` })).toHaveAttribute('data-state', 'succeeded', {
    timeout: 90_000,
  });
  await page.getByTestId('patient-item').filter({ hasText: 'C3N-00247' }).click();
  const series = page.getByTestId('series-item').filter({ hasText: 'CT' });
  await expect(series).toContainText('99 images');
  await exerciseViewer(page, testInfo, 99, () => series.click());
});

test("the demo patient's structure set is drawn over its CT and can be hidden", async ({ workstation: page }, testInfo) => {
  await openDemoPatient(page);
  await page.getByTestId('series-item').filter({ has: page.locator('.modality', { hasText: /^CT$/ }) }).click();
  await expect(page.getByTestId('viewer-slice-indicator').first()).toHaveText(/^Im \d+\/120$/, { timeout: 60_000 });
  const contours = page.getByTestId('viewer-contours').first();
  // The middle slice cuts the body, both lungs, the spine, the cord and the ribs at least.
  await expect.poll(async () => Number(await contours.getAttribute('data-count'))).toBeGreaterThanOrEqual(5);
  await testInfo.attach('contours', { body: await page.screenshot(), contentType: 'image/png' });
  await page.getByTestId('viewer-structures-toggle').uncheck();
  await expect(page.getByTestId('viewer-contours')).toHaveCount(0);
});
