/** Bueno-Orovio–Cherry–Fenton 2008 minimal model (4 variables). Parameters: assets/ep/bueno-orovio.json. */
import table from '../../../assets/ep/bueno-orovio.json';
import type { IonicModel, StateArray } from './ionic-model';

export type BoCellType = keyof typeof table.cellTypes;

export function createBuenoOrovio(cellType: BoCellType = 'epi'): IonicModel {
  const p = table.cellTypes[cellType];
  const scale = table.voltageScaleMv;
  const offset = table.voltageOffsetMv;
  function step(st: StateArray, n: number, from: number, to: number, dt: number, iStim: StateArray | null): void {
    for (let i = from; i < to; i++) {
      const u = (st[i]! - offset) / scale;
      let v = st[n + i]!, w = st[2 * n + i]!, s = st[3 * n + i]!;
      const aboveV = u >= p.thetaV;
      const aboveW = u >= p.thetaW;
      const aboveO = u >= p.thetaO;
      const tauO = aboveO ? p.tauO2 : p.tauO1;
      const tauSo = p.tauSo1 + ((p.tauSo2 - p.tauSo1) * (1 + Math.tanh(p.kSo * (u - p.uSo)))) / 2;
      const jFi = aboveV ? (-v * (u - p.thetaV) * (p.uu - u)) / p.tauFi : 0;
      const jSo = aboveW ? 1 / tauSo : (u - p.uo) / tauO;
      const jSi = aboveW ? (-w * s) / p.tauSi : 0;
      const jStim = iStim === null ? 0 : iStim[i]! / scale;

      // Gates are linear in themselves: Rush–Larsen with the piecewise target and time constant.
      if (aboveV) v *= Math.exp(-dt / p.tauVPlus);
      else {
        const vInf = u < p.thetaVMinus ? 1 : 0;
        const tauVMinus = u < p.thetaVMinus ? p.tauV1Minus : p.tauV2Minus;
        v = vInf - (vInf - v) * Math.exp(-dt / tauVMinus);
      }
      if (aboveW) w *= Math.exp(-dt / p.tauWPlus);
      else {
        const wInf = aboveO ? p.wInfStar : 1 - u / p.tauWInf;
        const tauWMinus = p.tauW1Minus + ((p.tauW2Minus - p.tauW1Minus) * (1 + Math.tanh(p.kWMinus * (u - p.uWMinus)))) / 2;
        w = wInf - (wInf - w) * Math.exp(-dt / tauWMinus);
      }
      const sInf = (1 + Math.tanh(p.kS * (u - p.uS))) / 2;
      const tauS = aboveW ? p.tauS2 : p.tauS1;
      s = sInf - (sInf - s) * Math.exp(-dt / tauS);

      st[i] = offset + scale * (u + dt * (jStim - (jFi + jSo + jSi)));
      st[n + i] = v;
      st[2 * n + i] = w;
      st[3 * n + i] = s;
    }
  }
  return {
    id: `bo-${cellType}`,
    citation: table.citation,
    stateNames: Object.keys(table.initialState),
    initialState: Object.values(table.initialState),
    maxDtMs: 0.05,
    restingPotentialMv: offset,
    step,
  };
}
