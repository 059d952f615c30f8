import { describe, expect, it } from 'vitest';
import { histogramOf } from './intensity-histogram';
import { linear } from './transfer-function';
import { mrPreset, shiftedPreset, VOLUME_PRESETS } from './volume-presets';

describe('volume presets', () => {
  it('keep their control points in ascending HU with opacities in [0, 1]', () => {
    for (const preset of VOLUME_PRESETS) {
      for (const points of [preset.colors.map((p) => p[0]), preset.opacities.map((p) => p[0])]) {
        expect(points).toEqual([...points].sort((a, b) => a - b));
      }
      expect(preset.opacities.every(([, o]) => o >= 0 && o <= 1)).toBe(true);
    }
  });

  it('make bone opaque and air transparent in the bone preset', () => {
    const bone = VOLUME_PRESETS.find((p) => p.id === 'ct-bone')!;
    const opacityAt = (hu: number) => linear(bone.opacities, hu);
    expect(opacityAt(-1000)).toBe(0); // air
    expect(opacityAt(40)).toBeLessThan(0.1); // soft tissue
    expect(opacityAt(1000)).toBeGreaterThan(0.7); // cortical bone
  });

  it('shift every control point by the same HU and keep the values', () => {
    const lung = VOLUME_PRESETS.find((p) => p.id === 'ct-lung')!;
    const shifted = shiftedPreset(lung, 50);
    expect(shifted.opacities.map(([hu]) => hu)).toEqual(lung.opacities.map(([hu]) => hu + 50));
    expect(shifted.colors.map(([, ...rgb]) => rgb)).toEqual(lung.colors.map(([, ...rgb]) => rgb));
  });
});

describe('MR preset', () => {
  it('sits on the volume\'s percentiles: background transparent, bright tissue opaque, on any intensity scale', () => {
    // A synthetic MR: 50 % background noise (0–50), 45 % tissue (300–700), 5 % bright fat (1500–2000).
    const voxels = Float32Array.from({ length: 20_000 }, (_, i) => {
      const u = (i % 1000) / 1000;
      return i % 20 < 10 ? 50 * u : i % 20 < 19 ? 300 + 400 * u : 1500 + 500 * u;
    });
    for (const scale of [1, 7.5]) {
      const preset = mrPreset(histogramOf(voxels.map((v) => v * scale), 512));
      const opacity = (v: number) => linear(preset.opacities, v * scale);
      expect(opacity(25)).toBe(0); // background
      expect(opacity(500)).toBeGreaterThan(0.1); // tissue
      expect(opacity(1900)).toBeGreaterThan(opacity(500)); // fat brighter, more opaque
    }
  });

  it('keeps its control points apart when most voxels share one value (a zero background)', () => {
    const voxels = new Int16Array(10_000).map((_, i) => (i < 8000 ? 0 : i % 400));
    const preset = mrPreset(histogramOf(voxels, 256));
    const values = preset.opacities.map(([v]) => v);
    values.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(values[i]!));
  });
});
