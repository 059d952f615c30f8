/**
 * The machine-readable model card (native-models/NAME.card.json) that the service validates every prediction
 * against. Parsed with one schema at the file boundary: a card that does not parse makes its model unavailable.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const modelInputSchema = z.object({
  name: z.string().min(1),
  unit: z.string(),
  min: z.number(),
  max: z.number(),
  description: z.string(),
});

export const modelCardSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  file: z.string().min(1),
  inputName: z.string().min(1),
  outputName: z.string().min(1),
  inputs: z.array(modelInputSchema).min(1),
  outputs: z.array(z.object({ name: z.string().min(1), unit: z.string(), description: z.string() })).min(1),
  /**
   * Held-out maximum absolute error per output, in that output's unit (held-out runs and box corners): the error the
   * model is held to. null for an output without one (a probability is judged by the classification metrics instead).
   */
  heldOutMaxAbsError: z.record(z.string(), z.number().nullable()),
  heldOutMae: z.record(z.string(), z.number()).optional(),
  /** for probability outputs: held-out ROC AUC and Brier score against the engine's yes/no outcome */
  heldOutClassification: z.record(z.string(), z.object({ auc: z.number(), brier: z.number() })).optional(),
});

export type ModelCard = z.infer<typeof modelCardSchema>;

export function loadModelCard(modelsDir: string, name: string): ModelCard {
  const cardPath = path.join(modelsDir, `${name}.card.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(cardPath, 'utf8'));
  } catch (err) {
    throw new Error(`model card ${cardPath} cannot be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = modelCardSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`model card ${cardPath} is invalid: ${parsed.error.message}`);
  return parsed.data;
}
