import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingDataMessage, sharedData } from '../../../testing/shared-data';
import { SOP_CLASS } from '../../dicom/write/sop-classes';
import { voxelVolumeMl, type Vec3 } from '../../volume/volume';
import { countSet, maskLike } from '../mask';
import { ellipsoidMask } from '../testing/synthetic';
import { extractContours } from './extract-contours';
import { gridForStructures, rasteriseStructure } from './rasterise-contours';
import { readRtStruct } from './read-rtstruct';
import { rtStructFromMasks } from './write-rtstruct';

const dims: Vec3 = [48, 40, 12];
const spacing: Vec3 = [0.9, 0.9, 2.5];
const origin: Vec3 = [-20, -15, 100];

/** An ellipsoid with a hole through some slices and two pixels touching only at a corner. */
function awkwardMask() {
  const m = ellipsoidMask(dims, spacing, [1, 3, 115], [16, 12, 12], origin);
  for (let k = 3; k < 8; k++) for (let j = 18; j < 22; j++) for (let i = 20; i < 24; i++) m.data[i + 48 * (j + 40 * k)] = 0;
  m.data[2 + 48 * (2 + 40 * 6)] = 1;
  m.data[3 + 48 * (3 + 40 * 6)] = 1;
  return m;
}

describe('contours from label maps', () => {
  it('rasterising the extracted contours gives the mask back exactly (holes and corner-touching pixels included)', () => {
    const mask = awkwardMask();
    const contours = extractContours(mask);
    const back = rasteriseStructure({ roiNumber: 1, name: 'x', contours }, mask);
    expect(back.data).toEqual(mask.data);
    // Outer loops run counter-clockwise (positive area in x–y), hole loops clockwise.
    const areas = contours.filter((c) => c.sliceIndex === 5).map((c) => {
      let a = 0;
      const p = c.pointsMm;
      for (let s = 0, n = p.length / 3; s < n; s++) {
        const t = (s + 1) % n;
        a += p[3 * s]! * p[3 * t + 1]! - p[3 * t]! * p[3 * s + 1]!;
      }
      return a / 2;
    });
    expect(areas.filter((a) => a > 0)).toHaveLength(1);
    expect(areas.filter((a) => a < 0)).toHaveLength(1);
  });

  it('fills slices between contour planes from the nearest plane, as planners do', () => {
    const mask = awkwardMask();
    const everyOther = extractContours(mask).filter((c) => c.sliceIndex % 2 === 0);
    const back = rasteriseStructure({ roiNumber: 1, name: 'x', contours: everyOther }, mask);
    // Slice 1 comes from plane 0 or 2 (equidistant: the upper one), never left empty.
    for (const k of [1, 3, 5]) {
      const slice = back.data.subarray(k * 48 * 40, (k + 1) * 48 * 40);
      const source = mask.data.subarray((k + 1) * 48 * 40, (k + 2) * 48 * 40);
      expect(slice).toEqual(source);
    }
  });
});

describe('RTSTRUCT writing and reading', () => {
  it('writes an RT Structure Set that dcmdump reads and that rasterises back to the masks', () => {
    const a = awkwardMask();
    const b = ellipsoidMask(dims, spacing, [-10, -5, 112], [5, 5, 6], origin);
    const images = Array.from({ length: dims[2] }, (_, k) => ({ sopClassUid: SOP_CLASS.CtImage, sopInstanceUid: `1.2.826.0.1.3680043.10.1234.${k + 1}` }));
    const bytes = rtStructFromMasks(
      [
        { name: 'lung_left', mask: a, colorRgb: [100, 170, 230], interpretedType: 'ORGAN' },
        { name: 'tumour', mask: b, colorRgb: [255, 0, 255], interpretedType: 'GTV' },
      ],
      {
        patient: { name: 'Test^Anatomy', id: 'ANAT-1' },
        study: { studyInstanceUid: '1.2.826.0.1.3680043.10.1234.100', dateTime: new Date('2026-01-01T00:00:00Z'), id: '1' },
        series: { seriesInstanceUid: '1.2.826.0.1.3680043.10.1234.101', number: 3 },
        equipment: { manufacturer: 'Twin Workstation' },
        sopInstanceUid: '1.2.826.0.1.3680043.10.1234.102',
        frameOfReferenceUid: '1.2.826.0.1.3680043.10.1234.103',
        referencedSeries: { seriesInstanceUid: '1.2.826.0.1.3680043.10.1234.104', images },
        label: 'TEST',
        dateTime: new Date('2026-01-01T00:00:00Z'),
      },
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'twin-rtstruct-')), 'rtstruct.dcm');
    writeFileSync(file, bytes);
    const dump = spawnSync('dcmdump', [file], { encoding: 'utf8' });
    if (dump.error === undefined) {
      expect(dump.status).toBe(0);
      expect(dump.stdout).toContain('RTStructureSetStorage');
      expect(dump.stdout).toContain('[tumour]');
    }
    const read = readRtStruct(file);
    expect(read.frameOfReferenceUid).toBe('1.2.826.0.1.3680043.10.1234.103');
    expect(read.structures.map((s) => s.name)).toEqual(['lung_left', 'tumour']);
    expect(rasteriseStructure(read.structures[0]!, a).data).toEqual(a.data);
    expect(rasteriseStructure(read.structures[1]!, b).data).toEqual(b.data);
  });
});

const RTSS = 'rt/dicompyler/rtss.dcm';
const rtss = sharedData(RTSS);

describe.skipIf(!rtss)(`dicompyler RT structure set ${rtss ? '' : missingDataMessage(RTSS)}`, () => {
  it('reads the 10 ROIs and rasterises the heart to the volume dicompyler-core reports (440.2 cm³) within 2 %', () => {
    const set = readRtStruct(rtss!);
    expect(set.structures).toHaveLength(10);
    expect(set.structures.map((s) => s.name)).toContain('Lt Lung');
    const heart = set.structures.find((s) => s.name === 'Heart')!;
    const grid = gridForStructures([heart], 1);
    const ml = countSet(rasteriseStructure(heart, grid).data) * voxelVolumeMl(grid.spacing);
    // dicompyler-core tests/test_dvhcalc.py: the DVH of ROI 5 (Heart) has volume 440.21 cm³.
    expect(Math.abs(ml / 440.21 - 1)).toBeLessThan(0.02);
  });

  it('keeps in-plane holes: even-odd filling of nested contours', () => {
    const outer = new Float64Array([0, 0, 0, 20, 0, 0, 20, 20, 0, 0, 20, 0]);
    const inner = new Float64Array([5, 5, 0, 15, 5, 0, 15, 15, 0, 5, 15, 0]);
    const grid = maskLike({ dims: [21, 21, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
    const ring = rasteriseStructure({ roiNumber: 1, name: 'ring', contours: [{ pointsMm: outer }, { pointsMm: inner }] }, grid);
    // Centres at 0…19 inside the outer square (half-open), minus 5…14 inside the hole: 400 − 100.
    expect(countSet(ring.data)).toBe(300);
  });
});
