import { describe, expect, it } from 'vitest';
import { directionLabel, edgeLabels, type Vec3 } from './orientation-labels';

// cornerstone's MPR cameras (core/constants/mprCameraValues): radiological convention, patient's left on the right.
describe('edgeLabels for the standard MPR cameras', () => {
  it('axial: anterior up, patient left on the right', () => {
    expect(edgeLabels([0, -1, 0], [0, 0, -1])).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
  });
  it('sagittal: head up, anterior on the left', () => {
    expect(edgeLabels([0, 0, 1], [1, 0, 0])).toEqual({ top: 'H', bottom: 'F', left: 'A', right: 'P' });
  });
  it('coronal: head up, patient left on the right', () => {
    expect(edgeLabels([0, 0, 1], [0, -1, 0])).toEqual({ top: 'H', bottom: 'F', left: 'R', right: 'L' });
  });
});

describe('directionLabel', () => {
  it('names oblique directions strongest first', () => {
    const c = Math.SQRT1_2;
    expect(directionLabel([0.8, -0.6, 0])).toBe('LA');
    expect(directionLabel([0, c, -c])).toMatch(/^(PF|FP)$/);
    expect(directionLabel([-0.1, 0.05, 0.99])).toBe('H');
  });
});

describe('edgeLabels for a stack camera built from ImageOrientationPatient', () => {
  // cornerstone's StackViewport looks along -(row × column) with -column up, so the screen's right is the row.
  const stackCamera = (row: Vec3, column: Vec3): [Vec3, Vec3] => {
    const normal: Vec3 = [row[1] * column[2] - row[2] * column[1], row[2] * column[0] - row[0] * column[2], row[0] * column[1] - row[1] * column[0]];
    return [[-column[0], -column[1], -column[2]], [-normal[0], -normal[1], -normal[2]]];
  };
  it('the sagittal MR of orientation/HFS and HFP (both 0\\1\\0\\0\\0\\-1) reads head up, anterior left', () => {
    expect(edgeLabels(...stackCamera([0, 1, 0], [0, 0, -1]))).toEqual({ top: 'H', bottom: 'F', left: 'A', right: 'P' });
  });
  it('an axial image of a supine patient (1\\0\\0\\0\\1\\0) reads anterior up, patient left on the right', () => {
    expect(edgeLabels(...stackCamera([1, 0, 0], [0, 1, 0]))).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
  });
});
