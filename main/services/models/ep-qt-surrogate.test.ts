import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import heldout from '../../../native-models/ep-qt-surrogate.heldout.json';
import { modelPredict } from '../../../workers/process/kinds/model-predict';
import { EP_QT_MODEL, estimateEpQt } from './ep-qt-estimate';
import { runEpQtEngine, type EpQtQuestion } from './ep-qt-question';
import { loadModelCard } from './model-card';
import { ModelInputError, type ModelCase } from './model-inputs';
import { DEFAULT_MODELS_DIR, ModelService, ModelUnavailableError } from './model-service';

const card = loadModelCard(DEFAULT_MODELS_DIR, EP_QT_MODEL);
const toCase = (inputs: number[]): ModelCase => Object.fromEntries(card.inputs.map((i, k) => [i.name, inputs[k]!]));
const control: ModelCase = { gKs: 1, gKr: 1, gCaL: 1, gNaLAbsolute: 0, vLeak: 1, iksBetaBlunting: 0, doseUgPerKgMin: 0 };
const lqt1: ModelCase = { ...control, gKs: 0.2, iksBetaBlunting: 1 };
const service = new ModelService(modelPredict); // in-process inference: the function the model worker runs

const scratch = mkdtempSync(path.join(tmpdir(), 'twin-qt-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** ROC AUC by the rank-sum statistic (ties count half), as the training script computes it. */
function auc(p: number[], y: number[]): number {
  const pos = p.filter((_, k) => y[k] === 1);
  const neg = p.filter((_, k) => y[k] === 0);
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe('EP QT surrogate', () => {
  it('matches the wedge on the committed held-out runs, box corners and focus runs within the error its card states', async () => {
    const cases = [...heldout.cases, ...heldout.corners, ...heldout.focus];
    const p = await service.predict(EP_QT_MODEL, cases.map((c) => toCase(c.inputs)));
    expect(p).toMatchObject({ model: EP_QT_MODEL, version: card.version, estimate: true });
    for (const [k, c] of cases.entries()) {
      expect(Math.abs(p.outputs[k]!.qtMs! - c.qtMs)).toBeLessThanOrEqual(card.heldOutMaxAbsError.qtMs!);
      expect(Math.abs(p.outputs[k]!.apd90Ms! - c.apd90Ms)).toBeLessThanOrEqual(card.heldOutMaxAbsError.apd90Ms!);
    }
  });

  it('its arrhythmia probability reaches the AUC and Brier score its card states on every held-out run', async () => {
    const { inputs, arrhythmia } = heldout.outcomes;
    const p = (await service.predict(EP_QT_MODEL, inputs.map(toCase))).outputs.map((o) => o.arrhythmiaProbability!);
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
    const stated = card.heldOutClassification!.arrhythmiaProbability!;
    const brier = p.reduce((s, v, k) => s + (v - arrhythmia[k]!) ** 2, 0) / p.length;
    expect(brier).toBeLessThanOrEqual(stated.brier + 1e-3);
    if (arrhythmia.includes(1)) expect(auc(p, arrhythmia)).toBeGreaterThanOrEqual(stated.auc - 0.01);
  });

  it('held-out values are what the wedge computes today (the fixture is not stale)', async () => {
    const c = heldout.cases[0]!;
    const answer = await runEpQtEngine(toCase(c.inputs) as unknown as EpQtQuestion);
    // the fixture's inputs are rounded to 7 significant digits; QT is read off a 1 ms pseudo-ECG
    expect(Math.abs(answer.qtMs - c.qtMs)).toBeLessThanOrEqual(1);
    expect(answer.apd90Ms).toBeCloseTo(c.apd90Ms, 0);
  });

  it('ΔQT is the prediction at the dose minus the same scalings at dose 0, and shows the LQT1 paradox', async () => {
    const atRest = await estimateEpQt(service, lqt1);
    expect(atRest.deltaQtMs).toBe(0);
    expect(atRest.model).toEqual({ name: EP_QT_MODEL, version: card.version });
    const low = await estimateEpQt(service, { ...lqt1, doseUgPerKgMin: 0.05 });
    expect(low.deltaQtMs).toBeCloseTo(low.qtMs - atRest.qtMs, 3);
    // Engine (this wedge, 0.05 µg/kg/min): LQT1 prolongs paradoxically, control shortens.
    expect(low.deltaQtMs).toBeGreaterThan(20);
    expect((await estimateEpQt(service, { ...control, doseUgPerKgMin: 0.1 })).deltaQtMs).toBeLessThan(-10);
  });

  it('refuses inputs outside the card and missing ones, naming them', async () => {
    await expect(estimateEpQt(service, { ...control, vLeak: 8 })).rejects.toThrow(ModelInputError);
    await expect(estimateEpQt(service, { ...control, doseUgPerKgMin: 0.5 })).rejects.toThrow(/doseUgPerKgMin = 0\.5 is outside the trained range 0–0\.3/);
    const { vLeak: _omitted, ...withoutLeak } = control;
    await expect(estimateEpQt(service, withoutLeak)).rejects.toThrow(/missing input vLeak/);
  });

  it('a missing or corrupt model file makes it unavailable with a clear reason, the other model still runs', async () => {
    const dir = mkdtempSync(path.join(scratch, 'qt-'));
    for (const f of ['ep-qt-surrogate.card.json', 'ep-cell-surrogate.card.json', 'ep-cell-surrogate.onnx']) copyFileSync(path.join(DEFAULT_MODELS_DIR, f), path.join(dir, f));
    const models = new ModelService(modelPredict, dir);
    expect(models.status(EP_QT_MODEL)).toMatchObject({ available: false, reason: expect.stringMatching(/model file not found/) });
    await expect(estimateEpQt(models, control)).rejects.toThrow(ModelUnavailableError);
    writeFileSync(path.join(dir, card.file), 'this is not a protobuf');
    await expect(estimateEpQt(models, control)).rejects.toThrow(`${EP_QT_MODEL} ${card.version} could not run: model file is not a readable ONNX model`);
    const cell = await models.predict('ep-cell-surrogate', [{ gKs: 1, gKr: 1, gCaL: 1, gNaLAbsolute: 0, doseUgPerKgMin: 0, cycleLengthMs: 1000 }]);
    expect(cell.outputs[0]!.apd90Ms).toBeGreaterThan(250);
  });
});
