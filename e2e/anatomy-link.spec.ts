/**
 * 3D ↔ 2D linking and the transfer-function editor (issue #4's "3D view") on the demo patient's CT: a pick on an
 * organ in 3D moves the 2D viewer there (stack slice and MPR crosshair, within a voxel), a click in the MPR moves
 * the 3D marker back; a dragged transfer-function point changes the volume rendering, points are added and removed.
 */
import type { Locator, Page } from '@playwright/test';
import { drawnFraction as drawnFractionOf } from './canvas-pixels';
import { expect, openDemoPatient, test } from './fixtures';

test.use({ viewport: { width: 1600, height: 1000 } });

/** The 3D view's background (anatomy-scene.ts), 8-bit RGB. */
const BACKGROUND = [15, 20, 33] as const;
const drawnFraction = (page: Page, canvas: Locator) => drawnFractionOf(page, canvas, BACKGROUND);

const lpsOf = async (element: Locator): Promise<number[]> => ((await element.getAttribute('data-lps')) ?? '').split(',').filter(Boolean).map(Number);
const locationOf = async (plane: string, page: Page): Promise<number> =>
  parseFloat(((await page.locator(`.viewport-box.${plane}`).getByTestId('viewer-location').textContent()) ?? '').replace('Loc', ''));

test('a pick in 3D moves the 2D viewer there and back; the transfer-function editor changes the rendering', async ({ workstation: page }, testInfo) => {
  // Segmentation runs for a minute or more on a loaded 2-core machine, and each volume rendering on its software GPU
  // for seconds to tens of seconds.
  test.setTimeout(12 * 60_000);
  await openDemoPatient(page);
  await page.getByTestId('series-item').filter({ has: page.locator('.modality', { hasText: /^CT$/ }) }).click();
  await page.getByRole('tab', { name: '3D anatomy' }).click();
  const canvas = page.getByTestId('anatomy-canvas');
  await expect(canvas.locator('canvas')).toBeVisible();

  // Segment the lungs and heart unless an earlier spec in this run already did.
  const structures = page.getByTestId('anatomy-structure');
  const none = page.getByText('No segmentation of this series yet');
  await expect(structures.first().or(none)).toBeVisible({ timeout: 60_000 });
  if (await none.isVisible()) {
    for (const preset of ['body', 'bone']) await page.getByTestId('anatomy-preset').and(page.locator(`[value="${preset}"]`)).uncheck();
    await page.getByTestId('anatomy-segment').click();
  }
  await expect(structures.and(page.locator('[data-name="heart"]'))).toBeVisible({ timeout: 6 * 60_000 });
  await expect(page.getByTestId('anatomy-export-stl')).toHaveCount(await structures.count()); // every mesh fetched
  await expect.poll(() => drawnFraction(page, canvas)).toBeGreaterThan(0.05);

  // Pick an organ in the middle of the chest: it is named, with its LPS point, and the marker is drawn.
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
  const pickInfo = page.getByTestId('anatomy-pick-info');
  await expect(pickInfo).toHaveText(/^(Lung|Heart).* at LPS \(-?\d+\.\d, -?\d+\.\d, -?\d+\.\d\) mm$/);
  const picked = await lpsOf(pickInfo);
  expect(picked).toHaveLength(3);
  await testInfo.attach('3D pick with marker', { body: await page.screenshot(), contentType: 'image/png' });

  // The viewer opens at that point: the stack on the nearest slice, then the MPR crosshair centre on the point.
  await page.getByRole('tab', { name: 'Viewer' }).click();
  const linkedInViewer = page.getByTestId('viewer-linked-point');
  await expect(linkedInViewer).toHaveText(/^Linked point: (Lung|Heart).* at LPS/);
  expect(await lpsOf(linkedInViewer)).toEqual(picked);
  await page.getByTestId('viewer-location').waitFor({ timeout: 60_000 });
  const stackLocation = parseFloat(((await page.getByTestId('viewer-location').textContent()) ?? '').replace('Loc', ''));
  // The demo CT's slices are 2.5 mm apart: the nearest one is within half of that (plus the overlay's rounding).
  expect(Math.abs(stackLocation - picked[2]!)).toBeLessThanOrEqual(1.25 + 0.05);

  await page.getByTestId('viewer-mode-mpr').click();
  await expect(page.getByTestId('viewer-slice-indicator')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByTestId('viewer-volume-progress')).toHaveCount(0, { timeout: 90_000 });
  // Each view pages to the plane through the point: axial shows its z, sagittal its x, coronal its y (0.1 mm print).
  await expect.poll(() => locationOf('axial', page)).toBeCloseTo(picked[2]!, 0);
  expect(await locationOf('sagittal', page)).toBeCloseTo(picked[0]!, 0);
  expect(await locationOf('coronal', page)).toBeCloseTo(picked[1]!, 0);
  await testInfo.attach('MPR at the 3D pick', { body: await page.screenshot(), contentType: 'image/png' });

  // A click in the axial view (window/level tool: a click does nothing else) moves the point and the other views.
  const axial = page.locator('[data-testid=viewer-viewport][data-plane=axial]');
  const axialBox = (await axial.boundingBox())!;
  await page.mouse.click(axialBox.x + axialBox.width * 0.35, axialBox.y + axialBox.height * 0.45);
  await expect.poll(async () => (await lpsOf(linkedInViewer))[0]).not.toBeCloseTo(picked[0]!, 0);
  const clicked = await lpsOf(linkedInViewer);
  expect(clicked[2]).toBeCloseTo(picked[2]!, 1); // in the axial plane through the picked point
  await expect.poll(() => locationOf('sagittal', page)).toBeCloseTo(clicked[0]!, 0);
  expect(await locationOf('coronal', page)).toBeCloseTo(clicked[1]!, 0);
  await testInfo.attach('MPR after a click', { body: await page.screenshot(), contentType: 'image/png' });

  // With the crosshair tool, a click in the coronal view moves the crosshair centre there: the point follows it.
  await page.getByTestId('tool-crosshairs').click();
  const coronal = page.locator('[data-testid=viewer-viewport][data-plane=coronal]');
  const coronalBox = (await coronal.boundingBox())!;
  await page.mouse.click(coronalBox.x + coronalBox.width * 0.55, coronalBox.y + coronalBox.height * 0.3);
  await expect.poll(async () => (await lpsOf(linkedInViewer))[2]).not.toBeCloseTo(clicked[2]!, 0);
  const moved = await lpsOf(linkedInViewer);
  await expect.poll(() => locationOf('axial', page)).toBeCloseTo(moved[2]!, 0);
  await testInfo.attach('MPR after moving the crosshair', { body: await page.screenshot(), contentType: 'image/png' });

  // Back in 3D the marker stands at that point, named by the organ it lies in (or none).
  await page.getByRole('tab', { name: '3D anatomy' }).click();
  await expect(pickInfo).toHaveText(/^\S.* at LPS \(-?\d+\.\d, -?\d+\.\d, -?\d+\.\d\) mm$/);
  expect(await lpsOf(pickInfo)).toEqual(moved);
  await testInfo.attach('3D marker at the 2D point', { body: await page.screenshot(), contentType: 'image/png' });

  // Volume rendering with the bone preset, surfaces hidden: the editor shows the preset's points.
  await expect(page.getByTestId('anatomy-export-stl')).toHaveCount(await structures.count());
  for (const toggle of await page.getByTestId('anatomy-toggle').all()) await toggle.uncheck();
  await page.getByTestId('anatomy-volume-preset').selectOption('ct-bone');
  await expect(page.getByTestId('anatomy-volume-status')).toHaveText('CT bone shown', { timeout: 90_000 });
  const handles = page.getByTestId('tf-point');
  await expect(handles).toHaveCount(4); // -3024, -16, 641, 3071 HU
  // A volume rendering takes seconds to tens of seconds on this machine's software GPU, and a screenshot waits for it.
  await expect.poll(() => drawnFraction(page, canvas), { timeout: 120_000 }).toBeGreaterThan(0.06);
  const before = await drawnFraction(page, canvas);
  await testInfo.attach('volume rendering, CT bone', { body: await page.screenshot(), contentType: 'image/png' });

  // Drag the 641 HU point (opacity 0.72) to the bottom: opacity 0, so only the densest bone stays drawn. One move
  // event: every move renders the volume again, which takes seconds on this machine's software GPU.
  const editor = page.getByTestId('tf-editor');
  const editorBox = (await editor.boundingBox())!;
  const bonePoint = handles.nth(2);
  const pointBox = (await bonePoint.boundingBox())!;
  await page.mouse.move(pointBox.x + pointBox.width / 2, pointBox.y + pointBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(pointBox.x + pointBox.width / 2, editorBox.y + editorBox.height - 2);
  await page.mouse.up();
  await expect(bonePoint).toHaveAttribute('data-opacity', '0.000');
  await expect.poll(() => drawnFraction(page, canvas), { message: 'a lower bone opacity draws less of the CT', timeout: 120_000 }).toBeLessThan(before * 0.9);
  await testInfo.attach('volume rendering, bone point lowered', { body: await page.screenshot(), contentType: 'image/png' });

  // Add a point by clicking empty space in the editor, remove it by double-click.
  await page.mouse.click(editorBox.x + editorBox.width * 0.5, editorBox.y + 20);
  await expect(handles).toHaveCount(5);
  const added = page.locator('[data-testid=tf-point].selected');
  await added.dblclick();
  await expect(handles).toHaveCount(4);
});
