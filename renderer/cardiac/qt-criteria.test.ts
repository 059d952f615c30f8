import { describe, expect, it } from 'vitest';
import { isParadoxicalProlongation } from './qt-criteria';

describe('paradoxical QT prolongation', () => {
  it('flags +30 ms or more at low doses only, never the baseline', () => {
    expect(isParadoxicalProlongation(0.05, 30)).toBe(true);
    expect(isParadoxicalProlongation(0.1, 57)).toBe(true);
    expect(isParadoxicalProlongation(0.1, 29.9)).toBe(false);
    expect(isParadoxicalProlongation(0.2, 60)).toBe(false);
    expect(isParadoxicalProlongation(0, 40)).toBe(false);
  });
});
