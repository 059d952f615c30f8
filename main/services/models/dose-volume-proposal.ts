/**
 * Knowledge-based planning: from each OAR's geometry against the target (OVH and volumes, computed by the
 * `rt.kbp.features` job) to the DVH points the standard plan achieves there (native-models/dose-volume-predictor),
 * and from those to plan objectives at the predicted values. Every number is a model estimate and carries the model's
 * name and version; an OAR whose geometry lies outside the model's training range is refused on its own (the others
 * still get proposals); a missing model makes the whole proposal unavailable, never the plan.
 */
import type { OarFeatures } from '../../../workers/rt/kbp/oar-features-from-dicom';
import { ModelInputError } from './model-inputs';
import { ModelUnavailableError, type ModelService } from './model-service';

export const DOSE_VOLUME_MODEL = 'dose-volume-predictor';

/** An OAR objective the patient plan job accepts (rt.plan.patient input `oarObjectives`). */
export interface ProposedObjective {
  structure: string;
  kind: 'meanDose' | 'maxDvh';
  doseGy: number;
  /** for maxDvh: at most this % of the OAR above doseGy */
  volumePct?: number;
  weight: number;
}

export type OarProposal =
  | { name: string; meanDoseGy: number; d50Gy: number; d2Gy: number; v50Pct: number; objectives: ProposedObjective[] }
  | { name: string; refused: string };

export interface ObjectiveProposal {
  model: { name: string; version: string };
  prescriptionGy: number;
  oars: OarProposal[];
}

/**
 * Weights of the proposed objectives: mean dose (parallel organs) and near-maximum D2 (serial organs) at the
 * predicted achievable values, firm enough to hold the plan there but below the target's 100 so coverage wins.
 */
const MEAN_DOSE_WEIGHT = 20;
const D2_WEIGHT = 10;

/** Objectives at the predicted values; a predicted dose below 0 (the network's linear output) counts as 0. */
export function objectivesFromPrediction(oar: string, prediction: Record<string, number>, prescriptionGy: number): Extract<OarProposal, { meanDoseGy: number }> {
  const gy = (fraction: number) => Math.max(0, fraction) * prescriptionGy;
  const meanDoseGy = gy(prediction.meanDoseFraction!);
  const d2Gy = gy(prediction.d2Fraction!);
  return {
    name: oar,
    meanDoseGy,
    d50Gy: gy(prediction.d50Fraction!),
    d2Gy,
    v50Pct: 100 * Math.min(1, Math.max(0, prediction.v50Fraction!)),
    objectives: [
      { structure: oar, kind: 'meanDose', doseGy: round2(meanDoseGy), weight: MEAN_DOSE_WEIGHT },
      { structure: oar, kind: 'maxDvh', doseGy: round2(d2Gy), volumePct: 2, weight: D2_WEIGHT },
    ],
  };
}

/** Predicts each OAR separately, so one out-of-range OAR is refused without losing the others. */
export async function proposeObjectives(models: ModelService, features: OarFeatures, prescriptionGy: number): Promise<ObjectiveProposal> {
  const status = models.status(DOSE_VOLUME_MODEL);
  if (!status.available) throw new ModelUnavailableError(`the dose-volume predictor is unavailable: ${status.reason}`);
  const oars: OarProposal[] = [];
  for (const oar of features.oars) {
    try {
      const p = await models.predict(DOSE_VOLUME_MODEL, [oar.inputs]);
      oars.push(objectivesFromPrediction(oar.name, p.outputs[0]!, prescriptionGy));
    } catch (err) {
      if (!(err instanceof ModelInputError)) throw err;
      oars.push({ name: oar.name, refused: err.message });
    }
  }
  return { model: { name: DOSE_VOLUME_MODEL, version: status.version }, prescriptionGy, oars };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
