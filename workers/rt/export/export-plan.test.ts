import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobContext } from '../../process/job-context';
import { tg119Phantom } from '../../phantom/tg119-phantoms';
import { equispacedBeams } from '../beams/beam-geometry';
import { createPlan, doseVolume } from '../plan/plan';
import { exportPlanDicom } from './export-plan';

const dciodvfy = ['/usr/bin/dciodvfy', '/usr/local/bin/dciodvfy'].find((p) => existsSync(p));

describe('RTPLAN / RTDOSE export', async () => {
  const phantom = tg119Phantom('tg119-multitarget', 5);
  const plan = createPlan(
    {
      ct: phantom.ct,
      structures: phantom.structures,
      beams: equispacedBeams(7, 50),
      doseGridMm: 5,
      objectives: [{ structure: 'Central', objective: { kind: 'squaredDeviation', doseGy: 50, weight: 1 } }],
      normalisation: { structure: 'Central', volumePct: 99, doseGy: 50 },
      fractions: 25,
      maxIterations: 20,
    },
    createJobContext(),
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-rt-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = await exportPlanDicom(
    plan,
    {
      patient: { name: 'Phantom^TG119', id: 'TG119-MT' },
      study: { studyInstanceUid: '1.2.3.4', dateTime: new Date('2026-01-01T00:00:00Z'), id: '1' },
      label: 'TG119 MT',
      prescriptionGy: 50,
      uidSeed: 'export-test',
      dateTime: new Date('2026-01-01T00:00:00Z'),
    },
    dir,
  );

  it('re-imports the RTDOSE with the same dose (max difference < 0.5 % of the maximum)', () => {
    const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(files.rtDoseFile)));
    const rows = ds.uint16('x00280010')!, cols = ds.uint16('x00280011')!, frames = Number(ds.string('x00280008'));
    const scaling = Number(ds.string('x3004000e'));
    const px = ds.elements.x7fe00010!;
    const values = new Uint16Array(ds.byteArray.buffer, ds.byteArray.byteOffset + px.dataOffset, rows * cols * frames);
    const ref = doseVolume(plan, plan.doseGy);
    expect([cols, rows, frames]).toEqual(ref.dims);
    let max = 0, worst = 0;
    ref.data.forEach((d, v) => { max = Math.max(max, d); worst = Math.max(worst, Math.abs(values[v]! * scaling - d)); });
    expect(worst / max).toBeLessThan(0.005);
    expect(ds.string('x00200032')).toBe(ref.origin.map((x) => String(Number(x.toFixed(3)))).join('\\'));
    expect(ds.string('x300c0002') ?? ds.elements.x300c0002).toBeTruthy(); // Referenced RT Plan Sequence
  });

  it('writes an RTPLAN with one beam per field, the angles and the fractions', () => {
    const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(files.rtPlanFile)));
    const beams = ds.elements.x300a00b0!.items!;
    expect(beams.length).toBe(7);
    const gantry = beams.map((b) => Number(b.dataSet!.elements.x300a0111!.items![0]!.dataSet!.string('x300a011e')));
    expect(gantry).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect(ds.elements.x300a0070!.items![0]!.dataSet!.string('x300a0078')).toBe('25');
  });

  it('writes each beam as MLC segments that deliver the optimised fluence within half a level (5 % of its peak)', () => {
    const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(files.rtPlanFile)));
    const beamItems = ds.elements.x300a00b0!.items!;
    const meterset = ds.elements.x300a0070!.items![0]!.dataSet!.elements.x300c0004!.items!.map((i) => Number(i.dataSet!.string('x300a0086')));
    let first = 0;
    beamItems.forEach((item, n) => {
      const bixels = plan.beams[n]!;
      const cps = item.dataSet!.elements.x300a0111!.items!.map((i) => i.dataSet!);
      const weightOf = (cp: (typeof cps)[number]) => Number(cp.string('x300a0134'));
      // MU per fraction → bixel-weight units for the course (100 MU per unit weight, 25 fractions).
      const perUnit = (meterset[n]! * 25) / 100;
      const delivered = new Float64Array(bixels.uMm.length);
      let leaves: number[] = [];
      for (let k = 0; k + 1 < cps.length; k += 2) {
        const mlc = cps[k]!.elements.x300a011a!.items!.map((i) => i.dataSet!).find((d) => d.string('x300a00b8') === 'MLCX');
        if (mlc) leaves = mlc.string('x300a011c')!.split('\\').map(Number);
        const w = (weightOf(cps[k + 1]!) - weightOf(cps[k]!)) * perUnit;
        for (let r = 0; r < bixels.nRows; r++)
          for (let c = 0; c < bixels.nCols; c++) {
            const u = bixels.originUMm + c * bixels.bixelMm;
            const id = bixels.idAt[c + bixels.nCols * r]!;
            if (u > leaves[r]! && u < leaves[bixels.nRows + r]!) {
              expect(id).toBeGreaterThanOrEqual(0);
              delivered[id]! += w;
            }
          }
      }
      const optimised = plan.weights.subarray(first, first + bixels.uMm.length);
      first += bixels.uMm.length;
      const peak = Math.max(...optimised);
      optimised.forEach((x, q) => expect(Math.abs(delivered[q]! - x)).toBeLessThanOrEqual(0.05 * peak + 1e-3 * peak));
    });
  });

  it.skipIf(!dciodvfy)('passes dciodvfy without errors', () => {
    for (const f of [files.rtPlanFile, files.rtDoseFile]) {
      // dciodvfy reports on stderr and exits non-zero on errors; spawn so both streams are read either way.
      const r = spawnSync(dciodvfy!, [f], { encoding: 'utf8' });
      const out = `${r.stdout}${r.stderr}`;
      expect(out).toContain(f.endsWith('RTPLAN.dcm') ? 'RTPlan' : 'RTDose');
      expect(out.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
    }
  });
});
