/**
 * Which ionic model each LV cell type runs, and with what parameters, for a genotype and an epinephrine dose.
 *
 * Whole-ventricle runs need ~10⁹ cell-steps, so the default is the Mitchell–Schaeffer model (2 variables, stable at
 * dt = 0.1 ms, ~50× cheaper per cell-step than TT06 at its 0.02 ms). It has no ion currents, so the genotype and the
 * β-adrenergic dose reach it through their effect on the action-potential duration, which is what sets refractoriness,
 * wavelength and the QT interval:
 *   1. pace a TT06 cell of each type (endo, M, epi; border zone = M with the scar remodelling) with the genotype's and
 *      dose's current modifiers (challengeModifiers, as in the adrenaline challenge) at the S1 cycle length, → APD90;
 *   2. scale MS's τclose until its APD90 at the same cycle length matches (APD ≈ τclose·ln(τout/4τin), Mitchell &
 *      Schaeffer 2003, so a few proportional corrections converge).
 * Restitution then comes from MS itself. What MS cannot show: EADs and DADs (no calcium handling); choose 'tt06'
 * (the full TT06 cells, a step of 0.02 ms) for those, at ~20× the run time.
 */
import { challengeModifiers, scarBorderZone, type Genotype } from '../challenge/beta-adrenergic';
import { combineModifiers, type CurrentModifiers } from '../models/ionic-model';
import { createModel, type ModelId } from '../models/registry';
import { paceCell } from '../protocols/pace-cell';
import type { ModelSpec } from '../threads/thread-pool';
import { LV_LABELS } from './lv-model';

export type HeartIonicModel = 'ms' | 'tt06';

export interface CellMapping {
  /** model spec per LV label */
  specs: Map<number, ModelSpec>;
  /** TT06 APD90 per label at the cycle length (ms): the targets MS was matched to */
  apd90TargetMs: Map<number, number>;
  /** time step the model needs in tissue (ms) */
  dtMs: number;
  description: string;
}

const TT06_OF_LABEL: Record<number, ModelId> = {
  [LV_LABELS.endo]: 'tt06-endo',
  [LV_LABELS.m]: 'tt06-m',
  [LV_LABELS.epi]: 'tt06-epi',
  [LV_LABELS.borderZone]: 'tt06-m',
};
const PREPACE_BEATS = 10;

function tt06Modifiers(label: number, genotype: Genotype, doseUgPerKgMin: number): CurrentModifiers {
  const base = challengeModifiers(genotype, doseUgPerKgMin);
  return label === LV_LABELS.borderZone ? combineModifiers(base, scarBorderZone.modifiers as CurrentModifiers) : base;
}

/** The τclose multiplier that gives MS an APD90 of `targetMs` at `cycleMs`. */
export function msTauCloseScaleFor(targetMs: number, cycleMs: number): number {
  let scale = 1;
  for (let it = 0; it < 5; it++) {
    const apd = paceCell({ model: createModel('ms', { tauCloseScale: scale }), bclMs: cycleMs, beats: 5, dtMs: 0.1 }).apd90Ms;
    if (!(apd > 0)) break;
    const ratio = targetMs / apd;
    scale *= ratio;
    if (Math.abs(ratio - 1) < 0.005) break;
  }
  return scale;
}

export function mapCells(genotype: Genotype, doseUgPerKgMin: number, cycleMs: number, model: HeartIonicModel = 'ms'): CellMapping {
  const specs = new Map<number, ModelSpec>();
  const apd90TargetMs = new Map<number, number>();
  for (const label of Object.values(LV_LABELS)) {
    const modifiers = tt06Modifiers(label, genotype, doseUgPerKgMin);
    const id = TT06_OF_LABEL[label]!;
    if (model === 'tt06') {
      specs.set(label, { id, modifiers });
      continue;
    }
    const apd = paceCell({ model: createModel(id, modifiers), bclMs: cycleMs, beats: PREPACE_BEATS, dtMs: 0.02 }).apd90Ms;
    apd90TargetMs.set(label, apd);
    specs.set(label, { id: 'ms', modifiers: { tauCloseScale: msTauCloseScaleFor(apd, cycleMs) } });
  }
  return model === 'tt06'
    ? { specs, apd90TargetMs, dtMs: 0.02, description: 'tt06: ten Tusscher–Panfilov 2006 endo/M/epi cells' }
    : {
        specs,
        apd90TargetMs,
        dtMs: 0.1,
        description:
          'ms-apd-matched: Mitchell–Schaeffer 2003 with τclose matched per cell type to the TT06 APD90 of the genotype and dose ' +
          `(${[...apd90TargetMs].map(([l, a]) => `${l === LV_LABELS.endo ? 'endo' : l === LV_LABELS.m ? 'M' : l === LV_LABELS.epi ? 'epi' : 'border zone'} ${a.toFixed(0)} ms`).join(', ')})`,
      };
}
