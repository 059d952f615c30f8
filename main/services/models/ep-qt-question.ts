/**
 * The question the EP QT surrogate answers, asked of the engine itself: the adrenaline challenge's wedge for a
 * genotype given as channel scalings at one epinephrine dose, paced at the heart rate of that dose. The ground truth
 * the surrogate is trained on (native-models/scripts/generate-ep-qt-data.ts), tested against and benchmarked against.
 * Wedge settings (dx, pre-pacing, coupled beats, dt) come from the model card so data, tests and bench agree.
 */
import card from '../../../native-models/ep-qt-surrogate.card.json';
import table from '../../../assets/ep/adrenaline-challenge.json';
import { betaFraction, challengeModifiers, heartRateBpm } from '../../../workers/ep/challenge/beta-adrenergic';
import type { ArrhythmiaKind } from '../../../workers/ep/challenge/arrhythmia-monitor';
import { createModel } from '../../../workers/ep/models/registry';
import { paceCell } from '../../../workers/ep/protocols/pace-cell';
import { simulateWedge } from '../../../workers/ep/tissue/transmural-wedge';
import { createJobContext, type JobContext } from '../../../workers/process/job-context';

export interface EpQtQuestion {
  gKs: number;
  gKr: number;
  gCaL: number;
  gNaLAbsolute: number;
  vLeak: number;
  /** 0: the full IKs β-AR response; 1: none (as the LQT1 genotype preset) */
  iksBetaBlunting: number;
  doseUgPerKgMin: number;
}

export interface EpQtAnswer {
  qtMs: number;
  apd90Ms: number;
  heartRateBpm: number;
  /** afterdepolarisations or triggered/re-entrant activity: what the classifier output estimates */
  arrhythmia: boolean;
  eventKinds: ArrhythmiaKind[];
}

/** Monitor events that count as the arrhythmia the probability stands for (conduction block alone does not). */
const ARRHYTHMIC: ReadonlySet<ArrhythmiaKind> = new Set(['ead', 'dad', 'ectopy', 're-entry']);

export async function runEpQtEngine(q: EpQtQuestion, ctx: JobContext = createJobContext()): Promise<EpQtAnswer> {
  // Blunting removes that fraction of the dose's IKs up-regulation (geometric, as challengeModifiers grades it).
  const iksBetaLoss = table.maxEffect.gKs ** (-betaFraction('gKs', q.doseUgPerKgMin) * q.iksBetaBlunting);
  const extra = { gKs: q.gKs * iksBetaLoss, gKr: q.gKr, gCaL: q.gCaL, gNaLAbsolute: q.gNaLAbsolute, vLeak: q.vLeak };
  const modifiers = challengeModifiers('control', q.doseUgPerKgMin, extra);
  const hr = heartRateBpm(q.doseUgPerKgMin);
  const bclMs = 60000 / hr;
  const { dxMm, dtMs, prepaceBeats, wedgeBeats } = card.engine;
  const wedge = await simulateWedge({ modifiers, bclMs, beats: wedgeBeats, prepaceBeats, dxMm, dtMs }, ctx);
  const cell = paceCell({ model: createModel('tt06-epi', modifiers), bclMs, beats: prepaceBeats, dtMs });
  const eventKinds = [...new Set(wedge.events.map((e) => e.kind))];
  return { qtMs: wedge.qt.qtMs, apd90Ms: cell.apd90Ms, heartRateBpm: hr, arrhythmia: eventKinds.some((k) => ARRHYTHMIC.has(k)), eventKinds };
}
