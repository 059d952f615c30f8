/**
 * The patient's own heart in the cardiac workspace (the cardiac issue's 3D UI): on the demo patient run a short
 * heart simulation (2 mm grid, S1 × 2 only), see the heart coloured by activation time with its colour bar, switch to
 * APD90, step the voltage movie, read the events (or "no events") and the ECG, and click the heart to pick a site.
 * A second test shows a stored run made by the unit tests' fixture (an ellipsoidal shell paced at its apex), served
 * through a test-only route in place of the host's answers, so the view is checked even without the engine.
 */
import type { Locator, Page } from '@playwright/test';
import { heartFixture } from '../renderer/cardiac/heart/testing/heart-fixture';
import { binaryStl } from '../workers/anatomy/export/stl';
import { drawnFraction } from './canvas-pixels';
import { expect, openDemoPatient, test } from './fixtures';

test.use({ viewport: { width: 1600, height: 1200 } });

/** The view's background (heart-scene.ts), in 8-bit RGB. */
const BACKGROUND = [15, 20, 33] as const;
/** More than the orientation cube alone covers (a few per cent): the heart is drawn. */
const HEART_DRAWN = 0.08;
const drawn = (page: Page, canvas: Locator) => drawnFraction(page, canvas, BACKGROUND);

test("a short run on the demo patient's heart is coloured, played, and its events and ECG are shown", async ({ workstation: page }, testInfo) => {
  test.setTimeout(9 * 60_000);
  await openDemoPatient(page);
  await page.getByRole('tab', { name: 'Cardiac' }).click();
  await page.getByTestId('cardiac-view-heart').click();

  const canvas = page.getByTestId('heart-canvas');
  await expect(canvas.locator('canvas')).toBeVisible();
  await expect(page.getByTestId('heart-series')).not.toHaveValue('');
  await expect(page.getByTestId('heart-pacing-site')).toContainText('default: LV apex');
  await expect(page.getByTestId('heart-view-state')).toHaveText(/segmentation/);
  if ((await page.getByTestId('heart-view-state').textContent())!.startsWith('No segmentation')) {
    // Nothing to draw yet: the drawn-pixel test must see an empty view as empty.
    expect(await drawn(page, canvas)).toBeLessThan(HEART_DRAWN);
  }

  // A short protocol: 2 mm grid, two S1 beats, no extrastimuli. A bad entry is explained and cannot be started.
  await page.getByTestId('heart-grid').fill('5');
  await expect(page.getByTestId('heart-run')).toBeDisabled();
  await expect(page.getByTestId('heart-form')).toContainText('Grid (mm) must lie in 0.5–2');
  await page.getByTestId('heart-grid').fill('2');
  await page.getByTestId('heart-s1-beats').fill('2');
  await page.getByTestId('heart-couplings').fill('');
  // A run can be cancelled from the form.
  const job = page.getByTestId('heart-job');
  await page.getByTestId('heart-run').click();
  await page.getByTestId('heart-cancel').click();
  await expect(job).toHaveAttribute('data-state', 'cancelled');

  const started = Date.now();
  await page.getByTestId('heart-run').click();

  await expect(job).toHaveAttribute('data-state', /queued|running|succeeded/);
  await expect(page.getByTestId('job').filter({ hasText: 'Heart EP (control' }).first()).toBeVisible(); // the job tray follows it too
  await expect(job).toHaveAttribute('data-state', 'succeeded', { timeout: 8 * 60_000 });
  testInfo.annotations.push({ type: 'heart run (2 mm, S1 × 2) in the UI', description: `${Date.now() - started} ms from the click` });

  // The run shows by itself: the heart coloured by activation time, with a colour bar in ms.
  await expect(page.getByTestId('heart-run-summary')).toContainText('S1 600 ms × 2');
  await expect(page.getByTestId('heart-run-summary')).toContainText('2 mm grid');
  const bar = page.getByTestId('heart-colorbar');
  await expect(bar).toHaveAttribute('data-map', 'activation');
  await expect(bar).toContainText(/\d+ ms/);
  await expect.poll(() => drawn(page, canvas), { message: 'the heart is drawn in the colour map' }).toBeGreaterThan(HEART_DRAWN);
  await testInfo.attach('heart activation', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByTestId('heart-map-apd90').check();
  await expect(bar).toHaveAttribute('data-map', 'apd');

  // The voltage movie, one step on.
  await page.getByTestId('heart-map-voltage').check();
  await expect(bar).toHaveAttribute('data-map', 'voltage');
  await expect(bar).toContainText('-90');
  await expect(bar).toContainText('40 mV');
  const time = page.getByTestId('heart-movie-time');
  await expect(time).toHaveText('t = 0 ms');
  await page.getByTestId('heart-movie-step').click();
  await expect(time).toHaveAttribute('data-frame', '1');
  await expect(time).toHaveText(/^t = [1-9]\d* ms$/);
  await expect(page.getByTestId('heart-movie-stimulus')).toHaveText(/^S1 1\/2 \+ [1-9]\d* ms$/);
  await expect.poll(() => drawn(page, canvas), { message: 'the voltage frame is drawn' }).toBeGreaterThan(HEART_DRAWN);
  await testInfo.attach('heart voltage frame', { body: await page.screenshot(), contentType: 'image/png' });

  // Events (a click marks one in 3D) or "no events"; the pseudo-ECG of the run.
  const events = page.getByTestId('heart-event');
  await expect(events.or(page.getByTestId('heart-no-events')).first()).toBeVisible();
  if ((await events.count()) > 0) {
    await events.first().click();
    await expect(events.first()).toHaveClass(/selected/);
  }
  const ecg = page.getByTestId('heart-run-detail').getByTestId('ep-ecg').first(); // the beat QT was measured on
  await expect(ecg).toBeVisible();
  expect((await ecg.locator('path.ecg-trace').getAttribute('d'))!.length).toBeGreaterThan(200);

  // A click on the heart picks the pacing site for the next run, snapped to a vertex with its values.
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.getByTestId('heart-pick-info')).toHaveText(/^Pacing site set at LPS \(-?\d+\.\d, -?\d+\.\d, -?\d+\.\d\) mm · .* · activation/);
  await expect(page.getByTestId('heart-pacing-site')).toContainText('LPS (');
  await testInfo.attach('heart picked', { body: await page.screenshot(), contentType: 'image/png' });
});

test('a stored heart run (fixture through a test-only route) is coloured, played, its event marked and picked', async ({ workstation: page }, testInfo) => {
  const fixture = heartFixture({ events: [{ kind: 're-entry', timeMs: 250, lps: [0, -30, 0], region: 'mid anterior' }] });
  const run = {
    id: 'fixture-heart-run',
    kind: 'ep-heart-run',
    patientKey: null,
    seriesKey: null,
    title: 'Patient heart (fixture)',
    jobId: null,
    summary: fixture.summary,
    files: Object.entries(fixture.files).map(([name, bytes]) => ({ name, mediaType: 'application/octet-stream', byteSize: bytes.byteLength })),
    createdAt: new Date().toISOString(),
  };
  await page.route('**/api/invoke/derived.list', async (route) => {
    const request = route.request().postDataJSON() as { kind?: string };
    if (request.kind !== 'ep-heart-run') return route.fallback();
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, reply: [run] }) });
  });
  await page.route(`**/api/derived/${run.id}/*`, async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
    await route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(fixture.files[name]!) });
  });

  await openDemoPatient(page);
  await page.getByRole('tab', { name: 'Cardiac' }).click();
  await page.getByTestId('cardiac-view-heart').click();
  const canvas = page.getByTestId('heart-canvas');
  const bar = page.getByTestId('heart-colorbar');
  await expect(bar).toHaveAttribute('data-map', 'activation');
  // The fixture's activation runs from 0 at the apex to 90 mm / 0.6 mm/ms = 150 ms at the base.
  await expect(bar).toContainText('0');
  await expect(bar).toContainText('150 ms');
  await expect.poll(() => drawn(page, canvas), { message: 'the heart is drawn in the colour map' }).toBeGreaterThan(HEART_DRAWN);
  await testInfo.attach('fixture activation', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByTestId('heart-movie-frame').fill('10');
  await expect(page.getByTestId('heart-movie-time')).toHaveText('t = 100 ms');
  await page.getByTestId('heart-map-voltage').check();
  await expect(bar).toHaveAttribute('data-map', 'voltage');
  await page.getByTestId('heart-movie-play').click();
  await expect(page.getByTestId('heart-movie-time')).not.toHaveText('t = 100 ms');
  await page.getByTestId('heart-movie-play').click();

  const event = page.getByTestId('heart-event');
  await expect(event).toHaveCount(1);
  await expect(event).toContainText('re-entry');
  await expect(event).toContainText('mid anterior');
  await event.click();
  await expect(event).toHaveClass(/selected/);
  await expect(page.getByTestId('heart-movie-time')).toHaveText('t = 250 ms'); // the movie moves to the event
  await expect(page.getByTestId('heart-run-detail').getByTestId('ep-ecg').first()).toContainText('QT 300 ms');
  await testInfo.attach('fixture event marked', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByTestId('heart-map-activation').check();
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.getByTestId('heart-pick-info')).toHaveText(/^Pacing site set at LPS \(-?\d+\.\d, -?\d+\.\d, -?\d+\.\d\) mm · \w+ · activation \d+ ms · APD90 280 ms$/);
});

test("before a run the segmentation's myocardium (test-only route) is shown and a click on it sets the pacing site", async ({ workstation: page }) => {
  const myocardium = heartFixture().surface;
  const stl = binaryStl({ positions: Float32Array.from(myocardium.verticesLps), triangles: Uint32Array.from(myocardium.triangles) });
  let ctSeriesKey: string | null = null;
  await page.route('**/api/invoke/patients.get', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { reply: { studies: { series: { seriesKey: string; modality: string }[] }[] } };
    ctSeriesKey = body.reply.studies.flatMap((s) => s.series).find((s) => s.modality === 'CT')?.seriesKey ?? null;
    await route.fulfill({ response });
  });
  await page.route('**/api/invoke/derived.list', async (route) => {
    const request = route.request().postDataJSON() as { kind?: string };
    if (request.kind === 'ep-heart-run') return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, reply: [] }) });
    if (request.kind !== 'segmentation') return route.fallback();
    const segmentation = {
      id: 'fixture-segmentation',
      kind: 'segmentation',
      patientKey: null,
      seriesKey: ctSeriesKey,
      title: 'Segmentation (fixture)',
      jobId: null,
      summary: {
        structures: [{ name: 'myocardium', preset: 'heart', volumeMl: 100, voxels: 1000, centroidLps: [0, 0, 0], meshFile: 'myocardium.stl', triangles: 10, meshVolumeMl: 100 }],
        dims: [10, 10, 10],
        spacingMm: [1, 1, 1],
      },
      files: [{ name: 'myocardium.stl', mediaType: 'model/stl', byteSize: stl.byteLength }],
      createdAt: new Date().toISOString(),
    };
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, reply: [segmentation] }) });
  });
  await page.route('**/api/derived/fixture-segmentation/*', (route) => route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(stl) }));

  await openDemoPatient(page);
  await page.getByRole('tab', { name: 'Cardiac' }).click();
  await page.getByTestId('cardiac-view-heart').click();
  await expect(page.getByTestId('heart-view-state')).toContainText('Myocardium of the newest segmentation');
  const canvas = page.getByTestId('heart-canvas');
  await expect.poll(() => drawn(page, canvas), { message: 'the myocardium is drawn' }).toBeGreaterThan(HEART_DRAWN);
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.getByTestId('heart-pacing-site')).toHaveText(/^Pacing site: LPS \(-?\d+\.\d, -?\d+\.\d, -?\d+\.\d\) mm reset$/);
  await page.getByTestId('heart-pacing-site').getByRole('button', { name: 'reset' }).click();
  await expect(page.getByTestId('heart-pacing-site')).toContainText('default: LV apex');
});
