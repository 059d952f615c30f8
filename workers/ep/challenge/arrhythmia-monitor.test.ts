import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type LabelMap } from '../../volume/volume';
import { ArrhythmiaMonitor } from './arrhythmia-monitor';

/** Two cells 1 mm apart fed hand-made potentials: each kind of event, with its time and place. */
function monitor(): ArrhythmiaMonitor {
  const mask: LabelMap = { dims: [2, 1, 1], spacing: [1, 1, 1], origin: [10, 20, 30], direction: [...IDENTITY_DIRECTION], data: new Uint8Array([1, 2]) };
  return new ArrhythmiaMonitor(mask, new Int32Array([0, 1]), (l) => (l === 1 ? 'endocardium' : 'epicardium'), 1000);
}

function actionPotential(t: number, earlyAfterdepolarisationAt?: number): number {
  if (t < 0) return -85;
  if (t < 250) return earlyAfterdepolarisationAt !== undefined && t > earlyAfterdepolarisationAt ? -5 : 20 - 0.1 * t - (t > 150 ? (t - 150) * 0.2 : 0);
  return t < 300 ? -85 + (300 - t) * 0.5 : -85;
}

describe('ArrhythmiaMonitor', () => {
  it('reports an EAD on the plateau with time and LPS place', () => {
    const m = monitor();
    m.stimulus(0);
    for (let t = 0; t <= 400; t += 0.5) m.sample(t, [actionPotential(t - 1, 200), actionPotential(t - 3)]);
    m.finish(400);
    expect(m.events).toHaveLength(1);
    expect(m.events[0]).toMatchObject({ kind: 'ead', region: 'endocardium', lps: [10, 20, 30] });
    expect(m.events[0]!.timeMs).toBeGreaterThan(200);
  });

  it('reports a DAD in diastole and an ectopic beat when it reaches threshold', () => {
    const m = monitor();
    m.stimulus(0);
    for (let t = 0; t <= 900; t += 0.5) {
      const dad = t > 500 && t < 600 ? -85 + 10 * Math.sin((Math.PI * (t - 500)) / 100) : -85;
      const ectopic = t >= 700 ? actionPotential(t - 700) : -85;
      m.sample(t, [t < 400 ? actionPotential(t - 1) : dad, t < 400 ? actionPotential(t - 3) : ectopic]);
    }
    expect(m.events.map((e) => e.kind)).toEqual(['dad', 'ectopy']);
    expect(m.events[1]).toMatchObject({ region: 'epicardium', lps: [11, 20, 30] });
  });

  it('reports conduction block when part of the tissue is not reached in a beat', () => {
    const m = monitor();
    m.stimulus(0);
    for (let t = 0; t <= 900; t += 0.5) m.sample(t, [actionPotential(t - 1), -85]);
    m.stimulus(1000);
    expect(m.events).toEqual([{ kind: 'conduction-block', timeMs: 1000, lps: [11, 20, 30], region: 'epicardium' }]);
  });
});
