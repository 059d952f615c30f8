/**
 * Runs one `model.predict` job in a fresh worker process (the same launcher as every other job, so it works headless
 * and under Electron's utilityProcess). A crash or a bad model file takes down only that process. Predictions are
 * not stored jobs: nothing goes into the job table or the tray.
 */
import type { ModelPredictInput, ModelPredictOutput } from '../../../workers/process/kinds/model-predict';
import type { WorkerLauncher } from '../jobs/worker-launcher';

export type RunModel = (input: ModelPredictInput) => Promise<ModelPredictOutput>;

export function runModelInWorker(launcher: WorkerLauncher): RunModel {
  return (input) =>
    new Promise((resolve, reject) => {
      const worker = launcher.launch();
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        fn();
      };
      worker.onMessage((message) => {
        if (message.type === 'ready') worker.send({ type: 'start', jobId: 'model.predict', kind: 'model.predict', input });
        else if (message.type === 'result') settle(() => resolve(message.result as ModelPredictOutput));
        else if (message.type === 'error') settle(() => reject(new Error(message.message)));
      });
      worker.onExit((reason) => settle(() => reject(new Error(reason ?? 'the model worker exited without an answer'))));
    });
}
