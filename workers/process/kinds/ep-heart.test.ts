import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HeartRunResult } from '../../ep/heart/simulate-heart';
import { EP_HEART_FILES, writeHeartRunFiles } from './ep-heart';

const dir = mkdtempSync(path.join(tmpdir(), 'ep-heart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A two-triangle "surface" with 4 vertices and 3 frames: enough to check the file contract byte by byte. */
const result = {
  surface: {
    verticesLps: Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0.5]),
    triangles: Uint32Array.from([0, 1, 2, 1, 3, 2]),
    regions: ['apex', 'apex', 'mid septal', 'basal lateral'],
    cellOfVertex: Int32Array.from([0, 1, 2, 3]),
  },
  activationMs: Float32Array.from([0, 12.5, NaN, 40]),
  apd90Ms: Float32Array.from([280, 290, NaN, 300]),
  voltageMv: Float32Array.from({ length: 12 }, (_, i) => -80 + i),
} as unknown as HeartRunResult;

describe('the ep-heart-run payload files', () => {
  const files = writeHeartRunFiles(result, dir);
  const f32 = (name: string) => {
    // copied: a Buffer's offset into its pool need not be 4-byte aligned
    return new Float32Array(Uint8Array.from(readFileSync(path.join(dir, name))).buffer);
  };

  it('names the four files of the contract', () => {
    expect(files.map((f) => f.name)).toEqual(['heart-surface.json', 'activation-ms.f32', 'apd90-ms.f32', 'voltage-mv.f32']);
  });

  it('writes the surface as flat LPS vertices, flat triangles and a region per vertex', () => {
    const s = JSON.parse(readFileSync(path.join(dir, EP_HEART_FILES.surface), 'utf8'));
    expect(Object.keys(s)).toEqual(['verticesLps', 'triangles', 'regions']);
    expect(s.verticesLps).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0.5]);
    expect(s.triangles).toEqual([0, 1, 2, 1, 3, 2]);
    expect(s.regions).toHaveLength(4);
  });

  it('writes per-vertex maps and the frame-major voltage movie as little-endian Float32 (NaN kept)', () => {
    const act = f32(EP_HEART_FILES.activation);
    expect(act).toHaveLength(4);
    expect(act[1]).toBe(12.5);
    expect(Number.isNaN(act[2])).toBe(true);
    expect(f32(EP_HEART_FILES.apd90)[3]).toBe(300);
    const v = f32(EP_HEART_FILES.voltage);
    expect(v).toHaveLength(3 * 4);
    expect(v[1 * 4 + 2]).toBe(-80 + 6); // frame 1, vertex 2
  });
});
