/**
 * Entry point of the long-lived model worker process: answers many `model.predict` requests, keeping each model's
 * session loaded, so a slider preview pays milliseconds, not a process start (bench/models.ts measures both).
 * Still a separate process: a crash in the native runtime never takes the main process down.
 */
import { modelPredict, type ModelPredictInput, type ModelPredictOutput } from './model-predict';

export type ToModelWorker = { id: number; input: ModelPredictInput };
export type FromModelWorker = { id: number; ok: true; output: ModelPredictOutput } | { id: number; ok: false; message: string };

function reply(message: FromModelWorker): void {
  process.send?.(message);
}

process.on('message', (message: ToModelWorker) => {
  modelPredict(message.input).then(
    (output) => reply({ id: message.id, ok: true, output }),
    (err: unknown) => reply({ id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
