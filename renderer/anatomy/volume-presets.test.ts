import { describe, expect, it } from 'vitest';
import { shiftedPreset, VOLUME_PRESETS } from './volume-presets';

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
    const opacityAt = (hu: number) => {
      const points = bone.opacities;
      const i = points.findIndex(([x]) => x >= hu);
      const [x0, y0] = points[i - 1]!;
      const [x1, y1] = points[i]!;
      return y0 + ((hu - x0) / (x1 - x0)) * (y1 - y0);
    };
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
