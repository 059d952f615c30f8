import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import heldout from '../../../native-models/dose-volume-predictor.heldout.json';
import { modelPredict } from '../../../workers/process/kinds/model-predict';
import { createJobContext } from '../../../workers/process/job-context';
import { KBP_TARGET, kbpPhantom } from '../../../workers/rt/kbp/kbp-phantom';
import { planStandard } from '../../../workers/rt/kbp/kbp-plan';
import { oarGeometryFeatures } from '../../../workers/rt/kbp/overlap-volume-histogram';
import { DOSE_VOLUME_MODEL, objectivesFromPrediction, proposeObjectives } from './dose-volume-proposal';
import { loadModelCard } from './model-card';
import { ModelInputError, type ModelCase } from './model-inputs';
import { DEFAULT_MODELS_DIR, ModelService, ModelUnavailableError } from './model-service';

const card = loadModelCard(DEFAULT_MODELS_DIR, DOSE_VOLUME_MODEL);
const toCase = (inputs: number[]): ModelCase => Object.fromEntries(card.inputs.map((i, k) => [i.name, inputs[k]!]));
// In-process inference: the function the model worker runs.
const service = new ModelService(modelPredict);
const scratch = mkdtempSync(path.join(tmpdir(), 'twin-kbp-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('dose-volume predictor', () => {
  it('matches the standard plan on the committed held-out OARs within the error its card states', async () => {
    const prediction = await service.predict(DOSE_VOLUME_MODEL, heldout.cases.map((c) => toCase(c.inputs)));
    expect(prediction).toMatchObject({ model: DOSE_VOLUME_MODEL, version: card.version, estimate: true });
    for (const [k, c] of heldout.cases.entries()) {
      for (const o of card.outputs) {
        expect(Math.abs(prediction.outputs[k]![o.name]! - c.outputs[o.name as keyof typeof c.outputs])).toBeLessThanOrEqual(card.heldOutMaxAbsError[o.name]!);
      }
    }
  });

  it('held-out values are what the planner and the OVH compute today (the fixture is not stale)', () => {
    const c = heldout.cases[0]!;
    const phantom = kbpPhantom(heldout.engine.seed, c.case);
    const result = planStandard(phantom.ct, phantom.structures, KBP_TARGET, createJobContext());
    const oar = result.oars.find((o) => o.name === c.oar)!;
    expect(oar.points.meanDoseFraction).toBeCloseTo(c.outputs.meanDoseFraction, 3);
    expect(oar.points.d2Fraction).toBeCloseTo(c.outputs.d2Fraction, 3);
    const target = phantom.structures.find((s) => s.name === KBP_TARGET)!.mask;
    const f = oarGeometryFeatures(target, phantom.structures.find((s) => s.name === c.oar)!.mask);
    expect([f.targetVolumeMl, f.oarVolumeMl, ...f.ovh].map((x) => Number(x.toFixed(2)))).toEqual(c.inputs.map((x) => Number(x.toFixed(2))));
  });

  it('refuses geometry outside its training range, naming the input, and proposes for the other OARs', async () => {
    const inside = toCase(heldout.cases[0]!.inputs);
    const tooBig = { ...inside, oarVolumeMl: 10 * card.inputs.find((i) => i.name === 'oarVolumeMl')!.max };
    await expect(service.predict(DOSE_VOLUME_MODEL, [tooBig])).rejects.toThrow(ModelInputError);
    await expect(service.predict(DOSE_VOLUME_MODEL, [tooBig])).rejects.toThrow(/oarVolumeMl .* outside the trained range/);
    const features = { oars: [{ name: 'Cord', inputs: inside }, { name: 'Lung', inputs: tooBig }] } as unknown as Parameters<typeof proposeObjectives>[1];
    const proposal = await proposeObjectives(service, features, 60);
    expect(proposal.model).toEqual({ name: DOSE_VOLUME_MODEL, version: card.version });
    expect(proposal.oars[0]).toHaveProperty('objectives');
    expect(proposal.oars[1]).toMatchObject({ name: 'Lung', refused: expect.stringMatching(/oarVolumeMl/) });
  });

  it('turns predicted fractions into objectives in Gy at the prescription', () => {
    const p = objectivesFromPrediction('Cord', { meanDoseFraction: 0.2, d50Fraction: 0.1, d2Fraction: 0.6, v50Fraction: 0.15 }, 60);
    expect(p).toMatchObject({ meanDoseGy: 12, d50Gy: 6, d2Gy: 36, v50Pct: 15 });
    expect(p.objectives).toEqual([
      { structure: 'Cord', kind: 'meanDose', doseGy: 12, weight: expect.any(Number) },
      { structure: 'Cord', kind: 'maxDvh', doseGy: 36, volumePct: 2, weight: expect.any(Number) },
    ]);
    // The network's linear output may dip below 0 for a far organ: never a negative objective.
    expect(objectivesFromPrediction('Far', { meanDoseFraction: -0.01, d50Fraction: -0.02, d2Fraction: 0.01, v50Fraction: -0.01 }, 60).meanDoseGy).toBe(0);
  });

  it('is unavailable, with the reason, when the model file is missing: the plan then keeps its default objectives', async () => {
    copyFileSync(path.join(DEFAULT_MODELS_DIR, `${DOSE_VOLUME_MODEL}.card.json`), path.join(scratch, `${DOSE_VOLUME_MODEL}.card.json`));
    const without = new ModelService(modelPredict, scratch);
    expect(without.status(DOSE_VOLUME_MODEL)).toMatchObject({ available: false, reason: expect.stringMatching(/not found/) });
    await expect(proposeObjectives(without, { oars: [] }, 60)).rejects.toThrow(ModelUnavailableError);
  });
});
