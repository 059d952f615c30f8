/**
 * The question the EP cell surrogate answers, asked of the engine itself: the ground truth the surrogate is
 * trained on (native-models/scripts/generate-ep-cell-data.ts), tested against and benchmarked against.
 * Channel scalings ride on the β-adrenergic modifiers of the dose as `extra` (control genotype), exactly as the
 * adrenaline challenge combines them.
 */
import card from '../../../native-models/ep-cell-surrogate.card.json';
import { challengeModifiers } from '../../../workers/ep/challenge/beta-adrenergic';
import type { ModelId } from '../../../workers/ep/models/registry';
import { createModel } from '../../../workers/ep/models/registry';
import { paceCell } from '../../../workers/ep/protocols/pace-cell';

export interface EpCellQuestion {
  gKs: number;
  gKr: number;
  gCaL: number;
  gNaLAbsolute: number;
  doseUgPerKgMin: number;
  cycleLengthMs: number;
}

export interface EpCellAnswer {
  apd90Ms: number;
  apd50Ms: number;
  /** the last beat repolarised 1:1 (APD90 finite, ≥ 100 ms and ≥ 50 ms short of the cycle): the surrogate's domain */
  regular: boolean;
}

export function runEpCellEngine(q: EpCellQuestion): EpCellAnswer {
  const modifiers = challengeModifiers('control', q.doseUgPerKgMin, { gKs: q.gKs, gKr: q.gKr, gCaL: q.gCaL, gNaLAbsolute: q.gNaLAbsolute });
  const model = createModel(card.engine.modelId as ModelId, modifiers);
  const ap = paceCell({ model, bclMs: q.cycleLengthMs, beats: card.engine.beats, dtMs: card.engine.dtMs });
  const regular = Number.isFinite(ap.apd90Ms) && ap.apd90Ms >= 100 && ap.apd90Ms <= q.cycleLengthMs - 50;
  return { apd90Ms: ap.apd90Ms, apd50Ms: ap.apd50Ms, regular };
}
