import { describe, expect, it } from 'vitest';
import type { SeriesInstance } from '../../main/contract/domain';
import { mprUnavailableReason } from './mpr-eligibility';

const slice = (z: number | null, frames = 1): SeriesInstance => ({
  sopInstanceUid: `1.2.${z}`,
  positionLps: z === null ? null : [0, 0, z],
  frames,
});

describe('mprUnavailableReason', () => {
  it('accepts a stack of distinct positioned slices', () => {
    expect(mprUnavailableReason([slice(0), slice(3), slice(6), slice(9)])).toBeNull();
  });
  it('refuses too few slices, missing positions, shared positions and multi-frame objects', () => {
    expect(mprUnavailableReason([slice(0), slice(3)])).toMatch(/at least 3/);
    expect(mprUnavailableReason([slice(0), slice(null), slice(6)])).toMatch(/no position/);
    expect(mprUnavailableReason([slice(0), slice(0), slice(6)])).toMatch(/share a slice position/);
    expect(mprUnavailableReason([slice(0, 15), slice(3), slice(6)])).toMatch(/multi-frame/);
  });
});
