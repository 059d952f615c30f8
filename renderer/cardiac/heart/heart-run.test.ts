import { describe, expect, it } from 'vitest';
import { HEART_RUN_FILES, parseFloat32File, parseHeartRunSummary, parseHeartSurface } from './heart-run';
import { loadHeartRun } from './load-heart-run';
import { FIXTURE_CV_MM_PER_MS, heartFixture } from './testing/heart-fixture';

describe('patient-heart run files', () => {
  const fixture = heartFixture();

  it('parses the summary and refuses a foreign shape', () => {
    expect(parseHeartRunSummary(JSON.parse(JSON.stringify(fixture.summary)))).toEqual(fixture.summary);
    expect(parseHeartRunSummary({ genotype: 'control' })).toBeNull();
  });

  it('reads Float32 files and rejects a length that does not match the vertices', () => {
    const values = parseFloat32File('activation-ms.f32', fixture.files[HEART_RUN_FILES.activation]!, fixture.summary.vertices);
    expect(values).toEqual(fixture.activationMs);
    expect(() => parseFloat32File('activation-ms.f32', new ArrayBuffer(12), 4)).toThrow(/12 bytes, expected 4 float32/);
  });

  it('rejects a surface whose triangles point past its vertices', () => {
    const bad = { ...fixture.surface, triangles: [0, 1, fixture.surface.regions.length] };
    expect(() => parseHeartSurface(JSON.stringify(bad))).toThrow(/missing vertex/);
  });

  it('loads a stored run through a file fetcher, NaN kept as "no value"', async () => {
    const activation = new Float32Array(fixture.activationMs);
    activation[3] = NaN;
    const files: Record<string, ArrayBuffer> = { ...fixture.files, [HEART_RUN_FILES.activation]: activation.buffer as ArrayBuffer };
    const run = await loadHeartRun({ id: 'run-1', summary: fixture.summary }, async (id, name) => {
      expect(id).toBe('run-1');
      return files[name]!;
    });
    expect(run.surface.verticesLps.length / 3).toBe(fixture.summary.vertices);
    expect(Number.isNaN(run.activationMs[3])).toBe(true);
    // The apex is paced: its activation is 0 and the base, 90 mm away along the long axis, activates at 90 / CV.
    expect(run.activationMs[0]).toBeCloseTo(90 / FIXTURE_CV_MM_PER_MS, 3);
    expect(run.voltageMv.length).toBe(fixture.summary.frames * fixture.summary.vertices);
  });

  it('fails loudly when the movie is shorter than frames × vertices', async () => {
    const files: Record<string, ArrayBuffer> = { ...fixture.files, [HEART_RUN_FILES.voltage]: new ArrayBuffer(8) };
    await expect(loadHeartRun({ id: 'r', summary: fixture.summary }, async (_id, name) => files[name]!)).rejects.toThrow(/voltage-mv.f32/);
  });
});
