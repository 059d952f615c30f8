import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { writePhantomDicom } from '../testing/phantom-dicom';
import { oarFeaturesFromDicom } from './oar-features-from-dicom';

/**
 * TG-119 multitarget written as CT + RTSTRUCT: Superior is a cylinder of the target's radius stacked on it (40 mm
 * long), so every Superior voxel lies straight above the target and its distance to the target is its height above
 * the shared face: OVH(d) = d / 40 mm for 0 ≤ d ≤ 40.
 */
describe('dose-volume predictor inputs from CT + RTSTRUCT files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-kbp-dicom-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = await writePhantomDicom(dir, 'tg119-multitarget', 5);
  const request = { ctPaths: [files.ctDir], rtstructFile: files.rtstructFile, target: 'Central', oars: ['Superior', 'Inferior'] };

  it('gives the analytic OVH of a stacked cylinder, and the volumes', async () => {
    const { oars } = await oarFeaturesFromDicom({ ...request, ptvMarginMm: 0 }, createJobContext());
    expect(oars.map((o) => o.name)).toEqual(['Superior', 'Inferior']);
    for (const o of oars) {
      const analytic = o.features.distancesMm.map((d) => Math.min(1, Math.max(0, d / 40)));
      o.features.ovh.forEach((x, k) => expect(x).toBeCloseTo(analytic[k]!, 2));
      // π · 20² · 40 mm³ ≈ 50 mL each, rasterised on 5 mm voxels
      expect(o.features.oarVolumeMl).toBeGreaterThan(40);
      expect(o.features.oarVolumeMl).toBeLessThan(60);
      expect(o.inputs).toMatchObject({ ovh20mm: o.features.ovh[4], targetVolumeMl: o.features.targetVolumeMl, oarVolumeMl: o.features.oarVolumeMl });
    }
  });

  it('measures against the PTV when a margin is asked for: the first 5 mm of each neighbour is inside it', async () => {
    const { oars } = await oarFeaturesFromDicom({ ...request, ptvMarginMm: 5 }, createJobContext());
    expect(oars[0]!.features.ovh[1]).toBeCloseTo(5 / 40, 2); // OVH(0): inside the PTV
    expect(oars[0]!.features.targetVolumeMl).toBeGreaterThan(60);
  });
});
