/**
 * Inference of a native model (ONNX, onnxruntime-node CPU) as a job. The main side's model service has already
 * checked the rows against the model card; this side only runs the graph and says clearly when the file is missing
 * or is not a model. Sessions are kept per file for the life of the process, so a long-lived worker pays the load once.
 */
import { existsSync } from 'node:fs';
import * as ort from 'onnxruntime-node';

export interface ModelPredictInput {
  modelPath: string;
  inputName: string;
  outputName: string;
  /** one row per case, each as long as the model's input width */
  rows: number[][];
}

export interface ModelPredictOutput {
  /** one row per case, each as long as the model's output width */
  rows: number[][];
}

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

const sessions = new Map<string, Promise<ort.InferenceSession>>();

function loadSession(modelPath: string): Promise<ort.InferenceSession> {
  let session = sessions.get(modelPath);
  if (!session) {
    if (!existsSync(modelPath)) throw new ModelFileError(`model file not found: ${modelPath}`);
    session = ort.InferenceSession.create(modelPath).catch((err: unknown) => {
      sessions.delete(modelPath);
      throw new ModelFileError(`model file is not a readable ONNX model: ${modelPath} (${err instanceof Error ? err.message : String(err)})`);
    });
    sessions.set(modelPath, session);
  }
  return session;
}

export async function modelPredict(input: ModelPredictInput): Promise<ModelPredictOutput> {
  const session = await loadSession(input.modelPath);
  const n = input.rows.length;
  const width = input.rows[0]?.length ?? 0;
  const x = new Float32Array(n * width);
  input.rows.forEach((row, i) => x.set(row, i * width));
  const result = await session.run({ [input.inputName]: new ort.Tensor('float32', x, [n, width]) });
  const y = result[input.outputName];
  if (!y) throw new ModelFileError(`model ${input.modelPath} has no output "${input.outputName}"`);
  const data = y.data as Float32Array;
  const outWidth = n === 0 ? 0 : data.length / n;
  return { rows: Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * outWidth, (i + 1) * outWidth))) };
}
