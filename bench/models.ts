/**
 * Native-model bench: latency of each surrogate against one engine run of the same question, measured in the same
 * run, on the committed held-out inputs. Quoted with the held-out errors from the card.
 *   - ep-cell-surrogate: the TT06 cell paced as its card says (paceCell);
 *   - ep-qt-surrogate: the adrenaline challenge's wedge at one dose (runEpQtEngine). One QT estimate as the workspace
 *     asks it (estimateEpQt: the dose and its dose-0 baseline in one batch) is measured too, against the two engine
 *     runs ΔQT needs.
 *   - dose-volume-predictor: one standard plan (workers/rt/kbp/kbp-plan.ts) of the held-out case's random phantom.
 *
 *   npx tsx bench/models.ts [--engine-runs 10] [--worker-calls 3]
 *
 * Surrogate figures: one case per call in-process (the inference alone), a batch of all held-out cases in one call
 * (per case), one case through the long-lived model worker (what a slider preview pays: IPC + inference), and one
 * case through a fresh one-job worker process (process start + model load + inference).
 */
import { parseArgs } from 'node:util';
import cellHeldout from '../native-models/ep-cell-surrogate.heldout.json';
import qtHeldout from '../native-models/ep-qt-surrogate.heldout.json';
import kbpHeldout from '../native-models/dose-volume-predictor.heldout.json';
import { NodeForkLauncher } from '../main/services/jobs/worker-launcher';
import { runEpCellEngine, type EpCellQuestion } from '../main/services/models/ep-cell-question';
import { estimateEpQt } from '../main/services/models/ep-qt-estimate';
import { runEpQtEngine, type EpQtQuestion } from '../main/services/models/ep-qt-question';
import { loadModelCard, type ModelCard } from '../main/services/models/model-card';
import type { ModelCase } from '../main/services/models/model-inputs';
import { DEFAULT_MODELS_DIR, ModelService } from '../main/services/models/model-service';
import { ModelWorkerClient } from '../main/services/models/model-worker-client';
import { runModelInWorker } from '../main/services/models/run-in-worker';
import { modelPredict } from '../workers/process/kinds/model-predict';
import { createJobContext } from '../workers/process/job-context';
import { KBP_TARGET, kbpPhantom } from '../workers/rt/kbp/kbp-phantom';
import { planStandard } from '../workers/rt/kbp/kbp-plan';

const { values } = parseArgs({ options: { 'engine-runs': { type: 'string' }, 'worker-calls': { type: 'string' } } });
const engineRuns = Number(values['engine-runs'] ?? 10);
const workerCalls = Number(values['worker-calls'] ?? 3);

const inProcess = new ModelService(modelPredict);
const inWorker = new ModelService(runModelInWorker(new NodeForkLauncher()));
const client = new ModelWorkerClient();
const longLived = new ModelService(client.run);

async function msPer(times: number, fn: (k: number) => unknown): Promise<number> {
  const t0 = performance.now();
  for (let k = 0; k < times; k++) await fn(k);
  return (performance.now() - t0) / times;
}

const casesOf = (card: ModelCard, inputs: number[][]): ModelCase[] => inputs.map((x) => Object.fromEntries(card.inputs.map((i, k) => [i.name, x[k]!])));

async function benchModel(name: string, engineLabel: string, inputs: number[][], engine: (c: ModelCase) => unknown): Promise<{ card: ModelCard; engineMs: number; cases: ModelCase[] }> {
  const card = loadModelCard(DEFAULT_MODELS_DIR, name);
  const cases = casesOf(card, inputs);
  await inProcess.predict(name, [cases[0]!]); // session load and JIT warm-up, not part of the per-prediction figure
  const singleMs = await msPer(200, (k) => inProcess.predict(name, [cases[k % cases.length]!]));
  const batchMs = (await msPer(50, () => inProcess.predict(name, cases))) / cases.length;
  const engineMs = await msPer(engineRuns, (k) => engine(cases[k % cases.length]!));
  const workerMs = await msPer(workerCalls, (k) => inWorker.predict(name, [cases[k % cases.length]!]));
  await longLived.predict(name, [cases[0]!]); // process start and session load, paid once
  const longLivedMs = await msPer(200, (k) => longLived.predict(name, [cases[k % cases.length]!]));

  const row = (label: string, ms: number): void => console.log(`${label.padEnd(58)} ${ms.toFixed(3).padStart(10)} ms   engine/this ${(engineMs / ms).toFixed(engineMs / ms < 10 ? 2 : 0).padStart(7)}×`);
  console.log(`\n${name} ${card.version}; engine: ${engineLabel}`);
  row(`engine run, mean of ${engineRuns}`, engineMs);
  row('surrogate, 1 case per call, in-process', singleMs);
  row(`surrogate, batch of ${cases.length}, per case`, batchMs);
  row('surrogate, 1 case via the long-lived model worker', longLivedMs);
  row(`surrogate, 1 case via a fresh job worker process (${workerCalls}×)`, workerMs);
  const errors = card.outputs
    .filter((o) => card.heldOutMaxAbsError[o.name] != null)
    .map((o) => `${o.name} MAE ${card.heldOutMae?.[o.name]} ${o.unit}, stated max ${card.heldOutMaxAbsError[o.name]} ${o.unit}`);
  const classification = Object.entries(card.heldOutClassification ?? {}).map(([o, m]) => `${o} AUC ${m.auc}, Brier ${m.brier}`);
  console.log(`held-out (card): ${[...errors, ...classification].join('; ')}`);
  return { card, engineMs, cases };
}

const e = cellHeldout.engine;
await benchModel('ep-cell-surrogate', `${e.modelId}, ${e.beats} beats, dt ${e.dtMs} ms`, cellHeldout.cases.map((c) => c.inputs), (c) => runEpCellEngine(c as unknown as EpCellQuestion));
const w = qtHeldout.engine;
const qt = await benchModel('ep-qt-surrogate', `wedge dx ${w.dxMm} mm, dt ${w.dtMs} ms, ${w.prepaceBeats} pre-paced + ${w.wedgeBeats} coupled beats`, qtHeldout.cases.map((c) => c.inputs), (c) =>
  runEpQtEngine(c as unknown as EpQtQuestion),
);
const estimateMs = await msPer(200, (k) => estimateEpQt(longLived, qt.cases[k % qt.cases.length]!));
console.log(
  `${'QT + ΔQT estimate (2 cases) via the long-lived model worker'.padEnd(58)} ${estimateMs.toFixed(3).padStart(10)} ms   2 engine runs/this ${((2 * qt.engineMs) / estimateMs).toFixed(0).padStart(7)}×`,
);
// The dose-volume predictor's question, answered by the engine: plan the held-out case's phantom with the standard
// plan (all its OARs at once; the model answers one OAR per case).
const kbp = kbpHeldout.engine;
const kbpCaseOf = new Map(kbpHeldout.cases.map((c) => [JSON.stringify(c.inputs), c.case]));
await benchModel('dose-volume-predictor', 'standard 7-beam plan of the held-out phantom (kbpPhantom + planStandard)', kbpHeldout.cases.map((c) => c.inputs), (c) => {
  const phantom = kbpPhantom(kbp.seed, kbpCaseOf.get(JSON.stringify(Object.values(c)))!);
  return planStandard(phantom.ct, phantom.structures, KBP_TARGET, createJobContext());
});
client.close();
