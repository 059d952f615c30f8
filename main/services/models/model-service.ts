/**
 * Native models (ONNX surrogates of the project's engines) behind one service. Each prediction is checked against
 * the model's card (inputs in range, never extrapolated), run in a worker process, and answered with the model's
 * name and version so every estimate can be labelled and cited (FHIR Provenance). A missing or broken model makes
 * only that model unavailable, with the reason; the rest of the workstation does not depend on it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModelCard, type ModelCard } from './model-card';
import { inputRows, type ModelCase } from './model-inputs';
import type { RunModel } from './run-in-worker';

export const DEFAULT_MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../native-models');

export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

export type ModelStatus = { name: string; available: true; version: string; card: ModelCard } | { name: string; available: false; reason: string };

export interface ModelPrediction {
  model: string;
  version: string;
  /** always true: the UI labels these as model estimates, not simulation results */
  estimate: true;
  /** one record per case, keyed by the card's output names */
  outputs: Record<string, number>[];
}

export class ModelService {
  private readonly modelsDir: string;

  constructor(
    private readonly run: RunModel,
    modelsDir: string = DEFAULT_MODELS_DIR,
  ) {
    this.modelsDir = modelsDir;
  }

  status(name: string): ModelStatus {
    let card: ModelCard;
    try {
      card = loadModelCard(this.modelsDir, name);
    } catch (err) {
      return { name, available: false, reason: err instanceof Error ? err.message : String(err) };
    }
    const file = path.join(this.modelsDir, card.file);
    if (!existsSync(file)) return { name, available: false, reason: `model file not found: ${file}` };
    return { name, available: true, version: card.version, card };
  }

  /** Throws ModelInputError for inputs the card does not allow, ModelUnavailableError when the model cannot run. */
  async predict(name: string, cases: readonly ModelCase[]): Promise<ModelPrediction> {
    const status = this.status(name);
    if (!status.available) throw new ModelUnavailableError(`model ${name} is unavailable: ${status.reason}`);
    const { card } = status;
    const rows = inputRows(card, cases);
    let answer;
    try {
      answer = await this.run({ modelPath: path.join(this.modelsDir, card.file), inputName: card.inputName, outputName: card.outputName, rows });
    } catch (err) {
      throw new ModelUnavailableError(`model ${name} ${card.version} could not run: ${err instanceof Error ? err.message : String(err)}`);
    }
    const outputs = answer.rows.map((row) => {
      if (row.length !== card.outputs.length || !row.every(Number.isFinite)) {
        throw new ModelUnavailableError(`model ${name} ${card.version} gave ${row.length} outputs (${row.join(', ')}), its card names ${card.outputs.length}`);
      }
      return Object.fromEntries(card.outputs.map((o, j) => [o.name, row[j]!]));
    });
    return { model: name, version: card.version, estimate: true, outputs };
  }
}
