import { describe, expect, it } from 'vitest';
import { createJobContext, JobCancelledError } from '../../process/job-context';
import { beamGeometry, equispacedBeams } from '../beams/beam-geometry';
import { openField } from '../beams/bixels';
import { waterTank } from '../testing/water-phantom';
import { buildInfluenceMatrix } from './influence-matrix';
import { buildInfluenceMatrixThreaded } from './influence-threads';

// A 4 mm water tank seen by 5 open 40 × 40 mm fields round an isocentre 50 mm deep (small enough to stay fast).
const tank = waterTank([4, 4, 4], 60, 110, 30);
const voxels = Uint32Array.from({ length: tank.data.length }, (_, g) => g).filter((g) => tank.data[g]! > 0);
const beams = equispacedBeams(5, 72).map((a) => openField(beamGeometry(a, [0, 50, 0], 1000), 40, 40, 5));
const options = { lateralCutoffMm: 25 };

describe('dose-influence matrix on worker threads', () => {
  it('equals the single-threaded matrix bit for bit, and reports progress', () => {
    const single = buildInfluenceMatrix(tank, voxels, beams, options, createJobContext());
    const fractions: number[] = [];
    const threaded = buildInfluenceMatrixThreaded(tank, voxels, beams, { ...options, threads: 3 }, createJobContext((f) => fractions.push(f)));
    expect(threaded.nBixels).toBe(single.nBixels);
    expect(threaded.voxel.length).toBe(single.voxel.length);
    expect(threaded.voxel.length).toBeGreaterThan(10_000);
    expect(threaded.rowPtr).toEqual(single.rowPtr);
    expect(threaded.beamStart).toEqual(single.beamStart);
    expect(threaded.bixelBeam).toEqual(single.bixelBeam);
    expect(Buffer.from(threaded.voxel.buffer).equals(Buffer.from(single.voxel.buffer))).toBe(true);
    expect(Buffer.from(threaded.value.buffer).equals(Buffer.from(single.value.buffer))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  }, 30_000);

  it('stops with JobCancelledError when cancelled, threads and all', () => {
    const abort = new AbortController();
    let calls = 0;
    // Cancel from the progress callback after the calling thread's first beam.
    const ctx = createJobContext(() => {
      if (++calls === 1) abort.abort();
    }, abort.signal);
    expect(() => buildInfluenceMatrixThreaded(tank, voxels, beams, { ...options, threads: 2 }, ctx)).toThrow(JobCancelledError);
  }, 30_000);
});
