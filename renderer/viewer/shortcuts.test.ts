import { describe, expect, it } from 'vitest';
import { SHORTCUTS, commandForKey } from './shortcuts';

describe('viewer shortcuts', () => {
  it('give each key one command', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('put the CT presets on 1 to 4 as in OHIF, and R, I and ? on reset, invert and help', () => {
    expect(['1', '2', '3', '4'].map((k) => commandForKey(k))).toEqual([
      { kind: 'preset', name: 'lung' },
      { kind: 'preset', name: 'mediastinum' },
      { kind: 'preset', name: 'bone' },
      { kind: 'preset', name: 'brain' },
    ]);
    expect(commandForKey('r')).toEqual({ kind: 'reset' });
    expect(commandForKey('I')).toEqual({ kind: 'invert' });
    expect(commandForKey('?')).toEqual({ kind: 'help' });
    expect(commandForKey('ArrowDown')).toEqual({ kind: 'scroll', delta: 1 });
    expect(commandForKey('q')).toBeNull();
  });
});
