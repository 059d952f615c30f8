import { describe, expect, it } from 'vitest';
import { colorToHex, hexToColor, organAppearance, structureLabel } from './organ-appearance';

describe('organAppearance', () => {
  it('gives each preset structure its conventional look', () => {
    expect(colorToHex(organAppearance('lung_left').color)).toBe('#f0aab4');
    expect(colorToHex(organAppearance('myocardium').color)).toBe('#aa2828');
    expect(colorToHex(organAppearance('ribs').color)).toBe('#f1d691');
    expect(organAppearance('body').opacity).toBeLessThan(0.5);
    expect(organAppearance('heart').opacity).toBeLessThan(1); // it encloses the myocardium and blood pool
    expect(organAppearance('spine').opacity).toBe(1);
  });

  it('gives unknown structures distinct palette colours', () => {
    expect(organAppearance('gtv', 0).color).not.toEqual(organAppearance('ptv', 1).color);
  });

  it('round-trips colours through hex', () => {
    expect(colorToHex(hexToColor('#1a2b3c'))).toBe('#1a2b3c');
  });

  it('labels engine names readably', () => {
    expect(structureLabel('lv_blood_pool')).toBe('Lv blood pool');
  });
});
