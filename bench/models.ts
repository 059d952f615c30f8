/**
 * Native-model bench: latency of the EP cell surrogate against one engine run of the same question (the TT06 cell
 * paced as its card says), measured in the same run, on the committed held-out inputs. Quoted with the held-out
 * errors from the card.
 *
 *   npx tsx bench/models.ts [--engine-runs 10] [--worker-calls 3]
 *
 * Surrogate figures: one case per call in-process (the inference alone), a batch of all held-out cases in one call
 * (per case), one case through the long-lived model worker (what a slider preview pays: IPC + inference), and one
 * case through a fresh one-job worker process (process start + model load + inference).
 */
import { parseArgs } from 'node:util';
import heldout from '../native-models/ep-cell-surrogate.heldout.json';
import { NodeForkLauncher } from '../main/services/jobs/worker-launcher';
import { runEpCellEngine, type EpCellQuestion } from '../main/services/models/ep-cell-question';
import { loadModelCard } from '../main/services/models/model-card';
import { DEFAULT_MODELS_DIR, ModelService } from '../main/services/models/model-service';
import { ModelWorkerClient } from '../main/services/models/model-worker-client';
import { runModelInWorker } from '../main/services/models/run-in-worker';
import { modelPredict } from '../workers/process/kinds/model-predict';

const { values } = parseArgs({ options: { 'engine-runs': { type: 'string' }, 'worker-calls': { type: 'string' } } });
const engineRuns = Number(values['engine-runs'] ?? 10);
const workerCalls = Number(values['worker-calls'] ?? 3);

const NAME = 'ep-cell-surrogate';
const card = loadModelCard(DEFAULT_MODELS_DIR, NAME);
const cases = heldout.cases.map((c) => Object.fromEntries(card.inputs.map((i, k) => [i.name, c.inputs[k]!])));
const inProcess = new ModelService(modelPredict);

async function msPer(times: number, fn: (k: number) => unknown): Promise<number> {
  const t0 = performance.now();
  for (let k = 0; k < times; k++) await fn(k);
  return (performance.now() - t0) / times;
}

await inProcess.predict(NAME, [cases[0]!]); // session load and JIT warm-up, not part of the per-prediction figure
const singleMs = await msPer(200, (k) => inProcess.predict(NAME, [cases[k % cases.length]!]));
const batchMs = (await msPer(50, () => inProcess.predict(NAME, cases))) / cases.length;
const engineMs = await msPer(engineRuns, (k) => runEpCellEngine(cases[k % cases.length] as unknown as EpCellQuestion));
const inWorker = new ModelService(runModelInWorker(new NodeForkLauncher()));
const workerMs = await msPer(workerCalls, (k) => inWorker.predict(NAME, [cases[k % cases.length]!]));
const client = new ModelWorkerClient();
const longLived = new ModelService(client.run);
await longLived.predict(NAME, [cases[0]!]); // process start and session load, paid once
const longLivedMs = await msPer(200, (k) => longLived.predict(NAME, [cases[k % cases.length]!]));
client.close();

const row = (label: string, ms: number): void => console.log(`${label.padEnd(52)} ${ms.toFixed(3).padStart(10)} ms   engine/this ${(engineMs / ms).toFixed(engineMs / ms < 10 ? 2 : 0).padStart(7)}×`);
console.log(`${NAME} ${card.version}; engine: ${heldout.engine.modelId}, ${heldout.engine.beats} beats, dt ${heldout.engine.dtMs} ms`);
row(`engine run (paceCell), mean of ${engineRuns}`, engineMs);
row('surrogate, 1 case per call, in-process', singleMs);
row(`surrogate, batch of ${cases.length}, per case`, batchMs);
row('surrogate, 1 case via the long-lived model worker', longLivedMs);
row(`surrogate, 1 case via a fresh job worker process (${workerCalls}×)`, workerMs);
console.log(`held-out error (card): APD90 MAE ${card.heldOutMaeMs?.apd90Ms} ms, stated max ${card.heldOutMaxAbsErrorMs.apd90Ms} ms; APD50 MAE ${card.heldOutMaeMs?.apd50Ms} ms, stated max ${card.heldOutMaxAbsErrorMs.apd50Ms} ms (runs and box corners)`);
