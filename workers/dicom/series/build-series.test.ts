import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../volume/volume';
import type { InstanceHeader } from '../header/instance-header';
import type { ImageOrientation } from '../scan-types';
import { buildSeries } from './build-series';

const AXIAL: ImageOrientation = [1, 0, 0, 0, 1, 0];

function header(sop: string, position: Vec3 | undefined, opts: { series?: string; rows?: number; orientation?: ImageOrientation; number?: number; tilt?: number } = {}): InstanceHeader {
  const series = opts.series ?? '1.2.3';
  return {
    instance: {
      file: `/data/${sop}.dcm`,
      sopInstanceUid: sop,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      ...(opts.number !== undefined ? { instanceNumber: opts.number } : {}),
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      rows: opts.rows ?? 4,
      columns: opts.rows ?? 4,
      frames: 1,
      ...(position ? { imagePositionPatient: position } : {}),
      imageOrientationPatient: opts.orientation ?? AXIAL,
      pixelSpacing: [0.5, 0.7],
      fileSizeBytes: 100,
    },
    series: {
      seriesInstanceUid: series,
      studyInstanceUid: '1.2',
      modality: 'CT',
      description: 'test',
      patient: { patientId: 'P1', name: 'Doe^Jane' },
      study: { studyInstanceUid: '1.2' },
    },
    ...(opts.tilt !== undefined ? { gantryTiltDeg: opts.tilt } : {}),
  };
}

describe('buildSeries', () => {
  it('sorts slices along the normal, not by file or instance number, and reports [x, y, z] spacing', () => {
    const zs = [6, 0, 9, 3];
    const [s] = buildSeries(zs.map((z, n) => header(`s${z}`, [0, 0, z], { number: 10 - n })));
    expect(s!.instances.map((i) => i.imagePositionPatient![2])).toEqual([0, 3, 6, 9]);
    // PixelSpacing [0.5 (rows), 0.7 (columns)] → x = 0.7, y = 0.5.
    expect(s!.spacing).toEqual([0.7, 0.5, 3]);
    expect(s!.warnings).toEqual([]);
  });

  it('sorts a sagittal stack along its own normal (row × column = -x for [0,1,0,0,0,-1])', () => {
    const sag: ImageOrientation = [0, 1, 0, 0, 0, -1];
    const [s] = buildSeries([10, -10, 0].map((x) => header(`x${x}`, [x, 0, 0], { orientation: sag })));
    expect(s!.instances.map((i) => i.imagePositionPatient![0])).toEqual([10, 0, -10]);
  });

  it('falls back to InstanceNumber when positions are missing, and says so', () => {
    const [s] = buildSeries([3, 1, 2].map((n) => header(`n${n}`, undefined, { number: n })));
    expect(s!.instances.map((i) => i.instanceNumber)).toEqual([1, 2, 3]);
    expect(s!.warnings.join()).toMatch(/InstanceNumber/);
  });

  it('keeps duplicated SOPInstanceUIDs once, with a warning', () => {
    const [s] = buildSeries([header('a', [0, 0, 0]), header('b', [0, 0, 1]), header('a', [0, 0, 0])]);
    expect(s!.instances).toHaveLength(2);
    expect(s!.warnings.join()).toMatch(/duplicate SOPInstanceUID a/);
  });

  it('detects a gap and non-uniform spacing', () => {
    const [gap] = buildSeries([0, 2, 4, 10, 12].map((z) => header(`g${z}`, [0, 0, z])));
    expect(gap!.spacing![2]).toBe(2);
    expect(gap!.warnings.join()).toMatch(/gap of 6 mm after slice 3/);
    const [uneven] = buildSeries([0, 2, 4.5, 6.5].map((z) => header(`u${z}`, [0, 0, z])));
    expect(uneven!.warnings.join()).toMatch(/non-uniform slice spacing: from 2 mm to 2.5 mm/);
  });

  it('detects gantry tilt: slices stacked off their normal by atan(0.5/2) = 14.0°', () => {
    const [s] = buildSeries([0, 1, 2, 3].map((k) => header(`t${k}`, [0, 0.5 * k, 2 * k])));
    expect(s!.warnings.join()).toMatch(/gantry tilt: slices are stacked 14\.0° off/);
  });

  it('splits one SeriesInstanceUID by image size and orientation, with unique keys', () => {
    const coronal: ImageOrientation = [1, 0, 0, 0, 0, -1];
    const series = buildSeries([
      header('a1', [0, 0, 0]),
      header('a2', [0, 0, 1]),
      header('a3', [0, 0, 2]),
      header('b1', [0, 0, 0], { rows: 8 }),
      header('c1', [0, 0, 0], { orientation: coronal }),
      header('c2', [0, 1, 0], { orientation: coronal }),
    ]);
    expect(series.map((s) => [s.key, s.instances.length])).toEqual([
      ['1.2.3', 3],
      ['1.2.3#2', 2],
      ['1.2.3#3', 1],
    ]);
    expect(series[0]!.warnings.join()).toMatch(/split by geometry into 3 parts/);
    expect(series[0]!.warnings.join()).toMatch(/mixed image sizes in one series: 4×4, 8×8/);
  });

  it('keeps different series apart', () => {
    const series = buildSeries([header('a', [0, 0, 0], { series: '9.1' }), header('b', [0, 0, 0], { series: '9.2' })]);
    expect(series.map((s) => s.key)).toEqual(['9.1', '9.2']);
  });
});
