import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { equispacedBeams } from '../beams/beam-geometry';
import { planFromDicom, type DicomPlanRequest } from '../plan/plan-from-dicom';
import { writePhantomDicom } from '../testing/phantom-dicom';

/**
 * Objectives proposed for an OAR replace its default one in a patient plan: a mean-dose objective well below what the
 * default plan gives pulls that OAR's mean dose down, while the other OAR keeps the default and the target stays at
 * its prescription. TG-119 multitarget from files: Central as target, its stacked neighbours as OARs.
 */
describe('a patient plan with proposed OAR objectives', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-kbp-plan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = await writePhantomDicom(dir, 'tg119-multitarget', 5);
  const request: DicomPlanRequest = {
    ctPaths: [files.ctDir],
    rtstructFile: files.rtstructFile,
    target: 'Central',
    oars: ['Superior', 'Inferior'],
    beams: equispacedBeams(7, 50),
    prescriptionGy: 60,
    fractions: 30,
    doseGridMm: 5,
    maxIterations: 40,
  };
  const meanGy = (r: Awaited<ReturnType<typeof planFromDicom>>, name: string) => {
    const v = r.plan.structures.find((s) => s.name === name)!.voxels;
    return v.reduce((sum, q) => sum + r.plan.doseGy[q]!, 0) / v.length;
  };

  it('lowers the mean dose of the OAR it names and keeps the target at its prescription', async () => {
    const byDefault = await planFromDicom(request, createJobContext());
    const proposed = await planFromDicom(
      { ...request, oarObjectives: [{ structure: 'Superior', objective: { kind: 'meanDose', doseGy: 0.5 * meanGy(byDefault, 'Superior'), weight: 20 } }] },
      createJobContext(),
    );
    expect(meanGy(proposed, 'Superior')).toBeLessThan(0.9 * meanGy(byDefault, 'Superior'));
    expect(proposed.goals[0]).toMatchObject({ structure: 'Central', metric: 'D95', pass: true });
  });
});
