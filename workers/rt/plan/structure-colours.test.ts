import { describe, expect, it } from 'vitest';
import { colourRgb, structureColours } from './structure-colours';

describe('structure colours', () => {
  it('keeps the structure set colour and gives the others distinct palette colours by role', () => {
    const c = structureColours(
      [{ name: 'Central', role: 'target' }, { name: 'Superior', role: 'target' }, { name: 'cord', role: 'oar' }, { name: 'heart', role: 'oar' }],
      new Map([['heart', 'rgb(200, 0, 0)']]),
    );
    expect(c.get('heart')).toBe('rgb(200, 0, 0)');
    expect(new Set([c.get('Central'), c.get('Superior'), c.get('cord')]).size).toBe(3);
  });

  it('reads hex and rgb() colours as 0–255 triplets', () => {
    expect(colourRgb('#ff5c5c')).toEqual([255, 92, 92]);
    expect(colourRgb('rgb(200, 0, 10)')).toEqual([200, 0, 10]);
  });
});
