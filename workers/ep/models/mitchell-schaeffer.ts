/** Mitchell–Schaeffer 2003: one inward and one outward current, one gate. Parameters: assets/ep/mitchell-schaeffer.json. */
import table from '../../../assets/ep/mitchell-schaeffer.json';
import type { IonicModel, StateArray } from './ionic-model';

export function createMitchellSchaeffer(): IonicModel {
  const p = table.parameters;
  const span = p.vMaxMv - p.vMinMv;
  function step(st: StateArray, n: number, from: number, to: number, dt: number, iStim: StateArray | null): void {
    for (let i = from; i < to; i++) {
      const v = (st[i]! - p.vMinMv) / span;
      let h = st[n + i]!;
      const jStim = iStim === null ? 0 : iStim[i]! / span;
      const dv = (h * v * v * (1 - v)) / p.tauInMs - v / p.tauOutMs + jStim;
      // The gate is linear in h on each side of vGate, so Rush–Larsen is exact for frozen v.
      h = v < p.vGate ? 1 - (1 - h) * Math.exp(-dt / p.tauOpenMs) : h * Math.exp(-dt / p.tauCloseMs);
      st[i] = p.vMinMv + span * (v + dt * dv);
      st[n + i] = h;
    }
  }
  return {
    id: 'ms',
    citation: table.citation,
    stateNames: Object.keys(table.initialState),
    initialState: Object.values(table.initialState),
    maxDtMs: 0.05,
    restingPotentialMv: p.vMinMv,
    step,
  };
}
