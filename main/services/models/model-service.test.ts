import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import heldout from '../../../native-models/ep-cell-surrogate.heldout.json';
import { modelPredict } from '../../../workers/process/kinds/model-predict';
import { NodeForkLauncher } from '../jobs/worker-launcher';
import { runEpCellEngine, type EpCellQuestion } from './ep-cell-question';
import { loadModelCard } from './model-card';
import { ModelInputError, type ModelCase } from './model-inputs';
import { DEFAULT_MODELS_DIR, ModelService, ModelUnavailableError } from './model-service';
import { ModelWorkerClient } from './model-worker-client';
import { runModelInWorker } from './run-in-worker';

const NAME = 'ep-cell-surrogate';
const card = loadModelCard(DEFAULT_MODELS_DIR, NAME);
const toCase = (inputs: number[]): ModelCase => Object.fromEntries(card.inputs.map((i, k) => [i.name, inputs[k]!]));
const control: ModelCase = { gKs: 1, gKr: 1, gCaL: 1, gNaLAbsolute: 0, doseUgPerKgMin: 0, cycleLengthMs: 1000 };
// In-process inference: the same function the worker runs, without a process start per test.
const service = new ModelService(modelPredict);

const scratch = mkdtempSync(path.join(tmpdir(), 'twin-models-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('EP cell surrogate', () => {
  it('matches the engine on the committed held-out runs and box corners within the error its card states', async () => {
    const cases = [...heldout.cases, ...heldout.corners];
    const prediction = await service.predict(NAME, cases.map((c) => toCase(c.inputs)));
    expect(prediction.model).toBe(NAME);
    expect(prediction.version).toBe(card.version);
    expect(prediction.estimate).toBe(true);
    expect(prediction.outputs).toHaveLength(cases.length);
    for (const [k, c] of cases.entries()) {
      expect(Math.abs(prediction.outputs[k]!.apd90Ms! - c.apd90Ms)).toBeLessThanOrEqual(card.heldOutMaxAbsError.apd90Ms!);
      expect(Math.abs(prediction.outputs[k]!.apd50Ms! - c.apd50Ms)).toBeLessThanOrEqual(card.heldOutMaxAbsError.apd50Ms!);
    }
  });

  it('held-out values are what the engine computes today (the fixture is not stale)', () => {
    for (const c of heldout.cases.slice(0, 2)) {
      const answer = runEpCellEngine(toCase(c.inputs) as unknown as EpCellQuestion);
      // the fixture's inputs are rounded to 7 significant digits
      expect(answer.apd90Ms).toBeCloseTo(c.apd90Ms, 1);
      expect(answer.apd50Ms).toBeCloseTo(c.apd50Ms, 1);
    }
  });

  it('agrees with a fresh engine run on control, fast pacing, IKr block and full dose, keeping their order', async () => {
    const cases = [control, { ...control, cycleLengthMs: 600 }, { ...control, gKr: 0.4 }, { ...control, doseUgPerKgMin: 0.3 }];
    const { outputs } = await service.predict(NAME, cases);
    const engine = cases.map((c) => runEpCellEngine(c as unknown as EpCellQuestion));
    for (const [k, e] of engine.entries()) expect(Math.abs(outputs[k]!.apd90Ms! - e.apd90Ms)).toBeLessThanOrEqual(card.heldOutMaxAbsError.apd90Ms!);
    expect(outputs[1]!.apd90Ms!).toBeLessThan(outputs[0]!.apd90Ms!);
    expect(outputs[2]!.apd90Ms!).toBeGreaterThan(outputs[0]!.apd90Ms!);
  });

  it('runs in a one-shot job worker and in the long-lived model worker with the same answer', async () => {
    const oneShot = new ModelService(runModelInWorker(new NodeForkLauncher()));
    const client = new ModelWorkerClient();
    const longLived = new ModelService(client.run);
    try {
      const [direct, viaJob, first] = await Promise.all([service.predict(NAME, [control]), oneShot.predict(NAME, [control]), longLived.predict(NAME, [control])]);
      expect(viaJob.outputs[0]!.apd90Ms).toBeCloseTo(direct.outputs[0]!.apd90Ms!, 3);
      expect(first.outputs[0]!.apd90Ms).toBeCloseTo(direct.outputs[0]!.apd90Ms!, 3);
      const pid = client.pid;
      await longLived.predict(NAME, [control]);
      expect(client.pid).toBe(pid); // the same process answers again

      process.kill(pid!, 'SIGKILL'); // a crashed model worker is replaced on the next prediction
      await vi.waitFor(() => expect(client.pid).toBeUndefined());
      const again = await longLived.predict(NAME, [control]);
      expect(again.outputs[0]!.apd90Ms).toBeCloseTo(direct.outputs[0]!.apd90Ms!, 3);
      expect(client.pid).not.toBe(pid);
    } finally {
      client.close();
    }
  });
});

describe('input validation against the card', () => {
  it('refuses an input outside its trained range, naming it and the range', async () => {
    await expect(service.predict(NAME, [{ ...control, doseUgPerKgMin: 0.5 }])).rejects.toThrow(ModelInputError);
    await expect(service.predict(NAME, [{ ...control, doseUgPerKgMin: 0.5 }])).rejects.toThrow(/doseUgPerKgMin = 0\.5 is outside the trained range 0–0\.3 µg\/kg\/min/);
    await expect(service.predict(NAME, [control, { ...control, cycleLengthMs: 400 }])).rejects.toThrow(/case 2.*cycleLengthMs/);
  });

  it('refuses missing, unknown and non-finite inputs', async () => {
    const { gKs: _omitted, ...withoutGKs } = control;
    await expect(service.predict(NAME, [withoutGKs])).rejects.toThrow(/missing input gKs \(0\.2–1\.5/);
    await expect(service.predict(NAME, [{ ...control, gTo: 1 }])).rejects.toThrow(/unknown input gTo/);
    await expect(service.predict(NAME, [{ ...control, gKr: Number.NaN }])).rejects.toThrow(/gKr must be a finite number/);
    await expect(service.predict(NAME, [])).rejects.toThrow(/no cases/);
  });
});

describe('a missing or broken model', () => {
  it('a missing model file makes only that model unavailable, with the path', async () => {
    const dir = mkdtempSync(path.join(scratch, 'missing-'));
    copyFileSync(path.join(DEFAULT_MODELS_DIR, `${NAME}.card.json`), path.join(dir, `${NAME}.card.json`));
    const broken = new ModelService(modelPredict, dir);
    expect(broken.status(NAME)).toMatchObject({ available: false, reason: expect.stringMatching(/model file not found/) });
    await expect(broken.predict(NAME, [control])).rejects.toThrow(ModelUnavailableError);
    await expect(broken.predict(NAME, [control])).rejects.toThrow(/ep-cell-surrogate is unavailable: model file not found/);
    expect(broken.status('no-such-model')).toMatchObject({ available: false, reason: expect.stringMatching(/cannot be read/) });
  });

  it('a corrupt model file gives a clear error from the worker', async () => {
    const dir = mkdtempSync(path.join(scratch, 'corrupt-'));
    copyFileSync(path.join(DEFAULT_MODELS_DIR, `${NAME}.card.json`), path.join(dir, `${NAME}.card.json`));
    writeFileSync(path.join(dir, card.file), 'this is not a protobuf');
    const broken = new ModelService(runModelInWorker(new NodeForkLauncher()), dir);
    await expect(broken.predict(NAME, [control])).rejects.toThrow(`${NAME} ${card.version} could not run: model file is not a readable ONNX model`);
  });
});
