import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { readRtStruct } from '../../anatomy/rtstruct/read-rtstruct';
import { rasteriseStructure } from '../../anatomy/rtstruct/rasterise-contours';
import { countSet } from '../../anatomy/mask';
import { equispacedBeams } from '../beams/beam-geometry';
import { planFromDicom } from '../plan/plan-from-dicom';
import { writePhantomDicom } from '../testing/phantom-dicom';
import { exportPlanStructures } from './export-structures';

const dciodvfy = ['/usr/bin/dciodvfy', '/usr/local/bin/dciodvfy'].find((p) => existsSync(p));

describe('RTSTRUCT of the planned structures', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-rt-structures-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = await writePhantomDicom(dir, 'tg119-multitarget', 5);
  // The PTV is grown by 5 mm from "Central" by the planner: it exists in no input file.
  const r = await planFromDicom(
    {
      ctPaths: [files.ctDir],
      rtstructFile: files.rtstructFile,
      target: 'Central',
      ptvMarginMm: 5,
      oars: ['Superior'],
      beams: equispacedBeams(5, 72),
      prescriptionGy: 60,
      fractions: 30,
      doseGridMm: 5,
      maxIterations: 5,
    },
    createJobContext(),
  );
  const written = await exportPlanStructures(
    r.plan,
    r.structures,
    r.planningCt,
    { patient: files.patient, study: files.study, label: 'MT', uidSeed: 'structures-test', dateTime: files.study.dateTime },
    path.join(dir, 'out'),
  );

  it('references the CT and reads back to the same PTV volume (within 2 %) and the ring', () => {
    const set = readRtStruct(written.rtStructFile);
    expect(set.frameOfReferenceUid).toBe(files.frameOfReferenceUid);
    expect(set.structures.map((s) => s.name)).toEqual(['PTV', 'Superior', 'Ring']);
    const ptv = r.structures.find((s) => s.name === 'PTV')!.mask;
    const back = countSet(rasteriseStructure(set.structures[0]!, ptv).data);
    expect(Math.abs(back / countSet(ptv.data) - 1)).toBeLessThan(0.02);
    expect(countSet(rasteriseStructure(set.structures[2]!, ptv).data)).toBeGreaterThan(0);
  });

  it('is read by dcmdump with the CT images referenced', () => {
    const dump = spawnSync('dcmdump', [written.rtStructFile], { encoding: 'utf8' });
    if (dump.error !== undefined) return; // dcmtk absent
    expect(dump.status).toBe(0);
    expect(dump.stdout).toContain('RTStructureSetStorage');
    expect(dump.stdout).toContain(r.planningCt.sliceImages![0]!.sopInstanceUid);
  });

  it.skipIf(!dciodvfy)('passes dciodvfy without errors', () => {
    const v = spawnSync(dciodvfy!, [written.rtStructFile], { encoding: 'utf8' });
    const out = `${v.stdout}${v.stderr}`;
    expect(out).toContain('RTStructureSet');
    expect(out.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
  });
});
