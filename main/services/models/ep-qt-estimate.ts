/**
 * The QT surrogate's answer as the cardiac workspace asks it: QT, APD90 and the arrhythmia probability at a dose, and
 * ΔQT. The network does not output ΔQT: like the adrenaline challenge (qt(dose) − qt(0) of the same genotype), the
 * service predicts the same scalings at dose 0 in the same batch and subtracts, so ΔQT is 0 at dose 0 by construction
 * and both QTs come from the same model version. Its error is at most twice the card's stated QT error.
 */
import type { ModelService } from './model-service';

export const EP_QT_MODEL = 'ep-qt-surrogate';

export interface EpQtEstimate {
  qtMs: number;
  deltaQtMs: number;
  apd90Ms: number;
  arrhythmiaProbability: number;
  model: { name: string; version: string };
}

/** `question`: the card's inputs (channel scalings and doseUgPerKgMin); out-of-range inputs are refused by the service. */
export async function estimateEpQt(models: ModelService, question: Record<string, number>): Promise<EpQtEstimate> {
  const baseline = { ...question, doseUgPerKgMin: 0 };
  const p = await models.predict(EP_QT_MODEL, [question, baseline]);
  const [atDose, atRest] = p.outputs as [Record<string, number>, Record<string, number>];
  return {
    qtMs: atDose.qtMs!,
    deltaQtMs: atDose.qtMs! - atRest.qtMs!,
    apd90Ms: atDose.apd90Ms!,
    arrhythmiaProbability: atDose.arrhythmiaProbability!,
    model: { name: p.model, version: p.version },
  };
}
