import { describe, expect, it } from 'vitest';
import { formatLps, LinkedPointStore, type LinkedPoint } from './linked-point';

const at = (x: number, y: number, z: number, source = '3d', structure: string | null = null): LinkedPoint => ({ pointLps: [x, y, z], structure, source });

describe('linked point store', () => {
  it('keeps one point per series and tells only that series\' listeners', () => {
    const store = new LinkedPointStore();
    const seen: (LinkedPoint | null)[] = [];
    const other: (LinkedPoint | null)[] = [];
    store.subscribe('ct', (p) => seen.push(p));
    store.subscribe('mr', (p) => other.push(p));
    store.set('ct', at(1, 2, 3));
    expect(store.get('ct')?.pointLps).toEqual([1, 2, 3]);
    expect(store.get('mr')).toBeNull();
    expect(seen).toHaveLength(1);
    expect(other).toHaveLength(0);
  });

  it('drops echoes: the same point again (within a micrometre) does not notify', () => {
    const store = new LinkedPointStore();
    let calls = 0;
    store.subscribe('ct', () => calls++);
    store.set('ct', at(10, -20, 30, '3d'));
    store.set('ct', at(10.0000001, -20, 30, 'viewer'));
    expect(calls).toBe(1);
    store.set('ct', at(10, -20, 30.5, 'viewer'));
    expect(calls).toBe(2);
    // The same place newly named is news: the 3D view learnt which organ it lies in.
    store.set('ct', at(10, -20, 30.5, '3d', 'heart'));
    expect(calls).toBe(3);
    // Echoed back by the viewer, which does not know the organ: no news, and the name stays.
    store.set('ct', at(10, -20, 30.5, 'viewer', null));
    expect(calls).toBe(3);
    expect(store.get('ct')?.structure).toBe('heart');
  });

  it('stops telling a listener after it unsubscribes, and tells others when the point is cleared', () => {
    const store = new LinkedPointStore();
    const a: (LinkedPoint | null)[] = [];
    const b: (LinkedPoint | null)[] = [];
    const stopA = store.subscribe('ct', (p) => a.push(p));
    store.subscribe('ct', (p) => b.push(p));
    stopA();
    store.set('ct', at(0, 0, 0));
    store.clear('ct');
    expect(a).toEqual([]);
    expect(b).toEqual([at(0, 0, 0), null]);
  });

  it('formats LPS millimetres with one decimal', () => {
    expect(formatLps([-12.345, 0, 100.06])).toBe('(-12.3, 0.0, 100.1)');
  });
});
