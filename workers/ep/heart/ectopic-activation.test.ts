import { describe, expect, it } from 'vitest';
import { EctopicActivationDetector } from './ectopic-activation';

// Three cells in a row: 0 – 1 – 2.
const rowStart = Int32Array.from([0, 1, 3, 4]);
const neighbour = Int32Array.from([1, 0, 2, 1]);
const detector = new EctopicActivationDetector(rowStart, neighbour, 10);

describe('ectopic activation by activation topology', () => {
  it('calls an activation led by a neighbour that just activated propagated, not ectopic', () => {
    expect(detector.isFocal(1, 105, Float32Array.from([100, 105, NaN]), [-30, -20, -85], -20)).toBe(false);
  });

  it('calls an activation next to a neighbour still in its plateau propagated, however slow the front', () => {
    expect(detector.isFocal(1, 160, Float32Array.from([100, 160, NaN]), [10, -20, -85], -20)).toBe(false);
  });

  it('calls an activation with every neighbour resting (or activating after it) ectopic', () => {
    expect(detector.isFocal(1, 500, Float32Array.from([100, 500, 500.4]), [-84, -20, -19], -20)).toBe(true);
  });
});
