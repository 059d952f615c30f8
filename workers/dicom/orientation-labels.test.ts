import { describe, expect, it } from 'vitest';
import type { Mat3 } from '../volume/volume';
import { orientationLabels, patientDirectionLetters } from './orientation-labels';

const edges = (v: { left: string; right: string; top: string; bottom: string }): string => `${v.left} ${v.right} ${v.top} ${v.bottom}`;

describe('orientation labels', () => {
  it('name LPS directions, with combined letters for oblique vectors strongest first', () => {
    expect(patientDirectionLetters([1, 0, 0])).toBe('L');
    expect(patientDirectionLetters([0, -1, 0])).toBe('A');
    expect(patientDirectionLetters([0, 0, -1])).toBe('F');
    const c = Math.SQRT1_2;
    expect(patientDirectionLetters([c, -c * 0.9, 0.1])).toBe('LA');
    // A 4° tilt (sin 4° = 0.07) stays a single letter.
    expect(patientDirectionLetters([0.998, 0.07, 0])).toBe('L');
  });

  it('give the radiological convention for an axial (identity) volume', () => {
    const labels = orientationLabels([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(edges(labels.axial)).toBe('R L A P');
    expect(edges(labels.coronal)).toBe('R L H F');
    expect(edges(labels.sagittal)).toBe('A P H F');
    expect(labels.axial).toMatchObject({ sliceAxis: 2, horizontalAxis: 0, horizontalSign: 1, verticalAxis: 1, verticalSign: 1 });
    // Coronal shows i across and k down, flipped so that the head is at the top.
    expect(labels.coronal).toMatchObject({ sliceAxis: 1, horizontalAxis: 0, verticalAxis: 2, verticalSign: -1 });
  });

  it('flip the axes of a sagittal acquisition (rows → P, columns → F, slices → R) into the same convention', () => {
    // Direction columns: i = (0,1,0), j = (0,0,-1), k = (-1,0,0).
    const sagittal: Mat3 = [0, 0, -1, 1, 0, 0, 0, -1, 0];
    const labels = orientationLabels(sagittal);
    expect(edges(labels.sagittal)).toBe('A P H F');
    expect(labels.sagittal).toMatchObject({ sliceAxis: 2, horizontalAxis: 0, horizontalSign: 1, verticalAxis: 1, verticalSign: 1 });
    expect(edges(labels.axial)).toBe('R L A P');
    expect(labels.axial).toMatchObject({ sliceAxis: 1, horizontalAxis: 2, horizontalSign: -1 });
  });

  it('name an oblique axial plane by its mixed directions', () => {
    // Rotated 45° about the feet–head axis: i points left and posterior, j right and posterior.
    const c = Math.SQRT1_2;
    const labels = orientationLabels([c, -c, 0, c, c, 0, 0, 0, 1]);
    expect(labels.axial.right).toMatch(/^(LP|PL)$/);
    expect(labels.axial.left).toMatch(/^(RA|AR)$/);
  });
});
