/** Mitchell–Schaeffer 2003: one inward and one outward current, one gate. Parameters: assets/ep/mitchell-schaeffer.json. */
import table from '../../../assets/ep/mitchell-schaeffer.json';
import type { CurrentModifiers, IonicModel, StateArray } from './ionic-model';

export function createMitchellSchaeffer(modifiers: CurrentModifiers = {}): IonicModel {
  const p = table.parameters;
  const span = p.vMaxMv - p.vMinMv;
  const tauCloseMs = p.tauCloseMs * (modifiers.tauCloseScale ?? 1);
  // The gate's decay factors depend on dt only: computed once per dt, not once per cell.
  let cachedDt = NaN;
  let openDecay = 0;
  let closeDecay = 0;
  function step(st: StateArray, n: number, from: number, to: number, dt: number, iStim: StateArray | null): void {
    if (dt !== cachedDt) {
      cachedDt = dt;
      openDecay = Math.exp(-dt / p.tauOpenMs);
      closeDecay = Math.exp(-dt / tauCloseMs);
    }
    for (let i = from; i < to; i++) {
      const v = (st[i]! - p.vMinMv) / span;
      let h = st[n + i]!;
      const jStim = iStim === null ? 0 : iStim[i]! / span;
      const dv = (h * v * v * (1 - v)) / p.tauInMs - v / p.tauOutMs + jStim;
      // The gate is linear in h on each side of vGate, so Rush–Larsen is exact for frozen v.
      h = v < p.vGate ? 1 - (1 - h) * openDecay : h * closeDecay;
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
