import { describe, expect, it } from 'vitest';
import { voxelVolumeMl, type Vec3 } from '../../volume/volume';
import { createJobContext } from '../../process/job-context';
import { binaryStl, readBinaryStl } from '../export/stl';
import { wavefrontObj } from '../export/obj';
import { countSet, maskLike } from '../mask';
import { ellipsoidMask, ellipsoidVolumeMl } from '../testing/synthetic';
import { decimateQuadric } from './decimate-quadric';
import { labelMeshes } from './label-meshes';
import { labelSurface } from './marching-cubes';
import { CASE_TRIANGLES } from './marching-cubes-cases';
import { enclosedVolumeMl, isClosedAndOriented, triangleCount } from './mesh';
import { smoothWindowedSinc } from './smooth-windowed-sinc';

const spacing: Vec3 = [0.8, 0.8, 2.5];
const semiAxes: Vec3 = [18, 22, 16];
const ellipsoid = ellipsoidMask([64, 72, 20], spacing, [26, 29, 24], semiAxes);
const labelVolumeMl = countSet(ellipsoid.data) * voxelVolumeMl(spacing);

describe('marching cubes case table', () => {
  it('closes every single-cube pattern: each cube surface is a closed, oriented polyhedron with the cube', () => {
    // For every pattern, a lone cube (8 voxels) padded with outside must give a closed, outward surface.
    for (let pattern = 1; pattern < 255; pattern++) {
      const map = maskLike({ dims: [4, 4, 4], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
      for (let c = 0; c < 8; c++) if ((pattern >> c) & 1) map.data[1 + (c & 1) + 4 * (1 + ((c >> 1) & 1) + 4 * (1 + ((c >> 2) & 1)))] = 1;
      const mesh = labelSurface(map, 1);
      expect(isClosedAndOriented(mesh)).toBe(true);
      expect(enclosedVolumeMl(mesh)).toBeGreaterThan(0);
    }
    expect(Math.max(...CASE_TRIANGLES.map((c) => c.length / 3))).toBeLessThanOrEqual(5);
  });
});

describe('label surfaces', () => {
  it('an ellipsoid on anisotropic voxels: closed, outward, volume within 2 % of the label and of the analytic volume', () => {
    const mesh = labelSurface(ellipsoid, 1);
    expect(isClosedAndOriented(mesh)).toBe(true);
    expect(Math.abs(enclosedVolumeMl(mesh) / labelVolumeMl - 1)).toBeLessThan(0.02);
    expect(Math.abs(labelVolumeMl / ellipsoidVolumeMl(semiAxes) - 1)).toBeLessThan(0.02);
  });

  it('windowed-sinc smoothing and decimation to a target keep it closed and within 2 % of the label volume', () => {
    const smooth = smoothWindowedSinc(labelSurface(ellipsoid, 1));
    expect(isClosedAndOriented(smooth)).toBe(true);
    expect(Math.abs(enclosedVolumeMl(smooth) / labelVolumeMl - 1)).toBeLessThan(0.02);
    const target = Math.round(triangleCount(smooth) / 8);
    const small = decimateQuadric(smooth, target);
    expect(triangleCount(small)).toBeLessThanOrEqual(target);
    expect(triangleCount(small)).toBeGreaterThan(target - 3);
    expect(isClosedAndOriented(small)).toBe(true);
    expect(Math.abs(enclosedVolumeMl(small) / labelVolumeMl - 1)).toBeLessThan(0.02);
  });

  it('smoothing removes the staircase: vertices end closer to the analytic ellipsoid', () => {
    const residual = (positions: Float32Array): number => {
      let sum = 0;
      for (let v = 0; v < positions.length; v += 3) {
        const r = Math.hypot((positions[v]! - 26) / semiAxes[0], (positions[v + 1]! - 29) / semiAxes[1], (positions[v + 2]! - 24) / semiAxes[2]);
        sum += Math.abs(r - 1);
      }
      return sum / (positions.length / 3);
    };
    const raw = labelSurface(ellipsoid, 1);
    expect(residual(smoothWindowedSinc(raw).positions)).toBeLessThan(0.6 * residual(raw.positions));
  });

  it('one mesh per label with unit normals pointing outwards; a label touching the image border is closed too', () => {
    const map = maskLike(ellipsoid, ellipsoid.data.slice());
    for (let i = 0; i < map.data.length; i++) if (Math.floor(i / (64 * 72)) < 8 && map.data[i]) map.data[i] = 2;
    map.data.fill(3, 0, 64 * 72); // the whole first slice
    const meshes = labelMeshes(map, [{ value: 1, name: 'a' }, { value: 2, name: 'b' }, { value: 3, name: 'border' }], { targetTriangles: 2000 }, createJobContext());
    for (const { mesh } of meshes) {
      expect(isClosedAndOriented(mesh)).toBe(true);
      const n = mesh.normals!;
      expect(Math.hypot(n[0]!, n[1]!, n[2]!)).toBeCloseTo(1, 5);
    }
    // A normal at the vertex with the largest x points along +x.
    const { positions, normals } = meshes[0]!.mesh;
    let far = 0;
    for (let v = 0; v < positions.length; v += 3) if (positions[v]! > positions[far]!) far = v;
    expect(normals![far]!).toBeGreaterThan(0.7);
  });
});

describe('exporters', () => {
  const mesh = smoothWindowedSinc(labelSurface(ellipsoid, 1));

  it('binary STL: 84 + 50 bytes per triangle, and it reads back with the same volume', () => {
    const stl = binaryStl(mesh);
    expect(stl.byteLength).toBe(84 + 50 * triangleCount(mesh));
    expect(enclosedVolumeMl(readBinaryStl(stl))).toBeCloseTo(enclosedVolumeMl(mesh), 3);
  });

  it('OBJ: one object per organ, 1-based faces continuing the numbering', () => {
    const tiny = { positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]), triangles: new Uint32Array([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]) };
    const text = wavefrontObj([{ name: 'left lung', mesh: tiny }, { name: 'heart', mesh: tiny }]);
    expect(text).toContain('o left_lung\n');
    expect(text.match(/^v /gm)).toHaveLength(8);
    expect(text).toContain('\nf 5 7 6\n');
  });
});
