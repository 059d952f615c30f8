/**
 * The 3D anatomy workspace on the demo patient's CT (the reconstruction issue's e2e): segment (lungs and heart, to
 * keep the run short), see the organs listed with volumes, see them drawn, toggle one, pick a surface, export STL.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { drawnFraction as drawnFractionOf } from './canvas-pixels';
import { expect, openDemoPatient, test } from './fixtures';

test.use({ viewport: { width: 1600, height: 1000 } });

/** The 3D view's background (anatomy-scene.ts), 8-bit RGB. */
const BACKGROUND = [15, 20, 33] as const;
const drawnFraction = (page: Page, canvas: Locator) => drawnFractionOf(page, canvas, BACKGROUND);

test("the demo patient's organs are segmented, drawn in 3D, toggled, picked and exported", async ({ workstation: page }, testInfo) => {
  test.setTimeout(8 * 60_000); // the segmentation job runs for a minute or more on a loaded 2-core machine
  await openDemoPatient(page);
  await page.getByTestId('series-item').filter({ has: page.locator('.modality', { hasText: /^CT$/ }) }).click();
  await page.getByRole('tab', { name: '3D anatomy' }).click();

  const canvas = page.getByTestId('anatomy-canvas');
  await expect(canvas.locator('canvas')).toBeVisible();
  for (const preset of ['body', 'bone']) await page.getByTestId('anatomy-preset').and(page.locator(`[value="${preset}"]`)).uncheck();
  const started = Date.now();
  await page.getByTestId('anatomy-segment').click();

  const structures = page.getByTestId('anatomy-structure');
  const row = (name: string) => structures.and(page.locator(`[data-name="${name}"]`));
  await expect(row('lung_left')).toBeVisible({ timeout: 6 * 60_000 });
  testInfo.annotations.push({ type: 'segmentation (lungs, heart) in the UI', description: `${Date.now() - started} ms from the click` });
  for (const name of ['lung_left', 'lung_right', 'heart']) await expect(row(name)).toContainText(/\d+\.\d mL/);
  await expect(page.getByTestId('anatomy-export-stl')).toHaveCount(await structures.count()); // every mesh fetched

  await expect.poll(() => drawnFraction(page, canvas), { message: 'the organs are drawn, not a blank canvas' }).toBeGreaterThan(0.05);
  const before = await drawnFraction(page, canvas);
  await testInfo.attach('organs', { body: await page.screenshot(), contentType: 'image/png' });

  // Hide both lungs: the drawn area shrinks and the toggles say so.
  for (const name of ['lung_left', 'lung_right']) await row(name).getByTestId('anatomy-toggle').uncheck();
  await expect(row('lung_left').getByTestId('anatomy-toggle')).not.toBeChecked();
  await expect.poll(() => drawnFraction(page, canvas), { message: 'hiding the lungs removes them from the view' }).toBeLessThan(before * 0.8);
  await testInfo.attach('lungs hidden', { body: await page.screenshot(), contentType: 'image/png' });
  for (const name of ['lung_left', 'lung_right']) await row(name).getByTestId('anatomy-toggle').check();

  // A click on the middle of the chest finds a surface and names it with its LPS point.
  await canvas.click({ position: { x: (await canvas.boundingBox())!.width / 2, y: (await canvas.boundingBox())!.height / 2 } });
  await expect(page.getByTestId('anatomy-pick-info')).toHaveText(/^\S.* at LPS \(-?\d+\.\d, -?\d+\.\d, -?\d+\.\d\) mm$/);
  await testInfo.attach('picked', { body: await page.screenshot(), contentType: 'image/png' });

  // Export the left lung's mesh as binary STL: an 80-byte header, a triangle count, 50 bytes per triangle.
  const download = page.waitForEvent('download');
  await row('lung_left').getByTestId('anatomy-export-stl').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lung_left.stl');
  const bytes = readFileSync((await file.path())!);
  expect(bytes.length).toBeGreaterThan(84);
  const triangles = bytes.readUInt32LE(80);
  expect(triangles).toBeGreaterThan(100);
  expect(bytes.length).toBe(84 + 50 * triangles);
  expect(bytes.subarray(0, 80).toString('latin1')).toContain('lung_left');

  // The same mesh as OBJ: shared vertices, one face per STL triangle.
  const objDownload = page.waitForEvent('download');
  await row('lung_left').getByTestId('anatomy-export-obj').click();
  const obj = readFileSync((await (await objDownload).path())!, 'utf8');
  expect(obj).toContain('o lung_left');
  expect(obj.split('\n').filter((line) => line.startsWith('f ')).length).toBe(triangles);

  // An axial clip through the middle cuts the organs open.
  await page.getByTestId('anatomy-clip').check();
  await expect(page.getByTestId('anatomy-clip-mm')).toBeVisible();
  await testInfo.attach('clipped', { body: await page.screenshot(), contentType: 'image/png' });
  await page.getByTestId('anatomy-clip').uncheck();

  // The CT itself, volume-rendered with the bone preset, with the organ surfaces hidden.
  for (const toggle of await page.getByTestId('anatomy-toggle').all()) await toggle.uncheck();
  // Only the orientation cube is left (about 2 % of the canvas).
  await expect.poll(() => drawnFraction(page, canvas)).toBeLessThan(0.03);
  await page.getByTestId('anatomy-volume-preset').selectOption('ct-bone');
  await expect(page.getByTestId('anatomy-volume-status')).toHaveText('CT bone shown', { timeout: 90_000 });
  // A volume rendering takes seconds to tens of seconds on this machine's software GPU, and a screenshot waits for it.
  await expect.poll(() => drawnFraction(page, canvas), { message: 'the CT is volume-rendered', timeout: 120_000 }).toBeGreaterThan(0.06);
  await testInfo.attach('volume rendering, CT bone', { body: await page.screenshot(), contentType: 'image/png' });
  // Shifting the transfer function up by 300 HU leaves less of the CT drawn (only the densest bone stays).
  const unshifted = await drawnFraction(page, canvas);
  await page.getByTestId('anatomy-volume-shift').fill('300');
  await expect(page.getByTestId('anatomy-volume-shift').locator('..')).toContainText('+300 HU');
  await expect.poll(() => drawnFraction(page, canvas), { timeout: 120_000 }).toBeLessThan(unshifted);
});
