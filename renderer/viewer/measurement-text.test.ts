import { describe, expect, it } from 'vitest';
import { measurementText } from './measurement-text';

describe('measurementText', () => {
  it('formats a length in mm', () => {
    expect(measurementText('Length', { length: 42.345, unit: 'mm' })).toBe('42.3 mm');
  });
  it('formats an angle in degrees', () => {
    expect(measurementText('Angle', { angle: 89.96 })).toBe('90.0°');
  });
  it('formats ROI statistics with HU and mm²', () => {
    expect(measurementText('EllipticalROI', { mean: -850.04, stdDev: 40.26, area: 314.159, areaUnit: 'mm²', modalityUnit: 'HU' })).toBe(
      'mean -850.0 HU · SD 40.3 HU · area 314.2 mm²',
    );
  });
  it('says nothing before the statistics exist', () => {
    expect(measurementText('Length', {})).toBeNull();
    expect(measurementText('EllipticalROI', undefined)).toBeNull();
  });
});
