/**
 * Checks prediction inputs against the model card before anything runs: named fields, finite numbers, inside the
 * trained ranges. A surrogate outside its training box would extrapolate silently, so it refuses instead.
 */
import type { ModelCard } from './model-card';

export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInputError';
  }
}

export type ModelCase = Record<string, number>;

/** One row per case in the card's input order; throws ModelInputError naming the case, the input and its range. */
export function inputRows(card: ModelCard, cases: readonly ModelCase[]): number[][] {
  if (cases.length === 0) throw new ModelInputError(`${card.name}: no cases to predict`);
  const known = new Set(card.inputs.map((i) => i.name));
  return cases.map((c, k) => {
    const where = cases.length > 1 ? ` (case ${k + 1})` : '';
    const unknown = Object.keys(c).filter((key) => !known.has(key));
    if (unknown.length > 0) throw new ModelInputError(`${card.name}${where}: unknown input ${unknown.join(', ')}; expected ${[...known].join(', ')}`);
    return card.inputs.map((input) => {
      const value = c[input.name];
      const range = `${input.min}–${input.max} ${input.unit}`;
      if (value === undefined) throw new ModelInputError(`${card.name}${where}: missing input ${input.name} (${range})`);
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new ModelInputError(`${card.name}${where}: ${input.name} must be a finite number (${range})`);
      if (value < input.min || value > input.max) {
        throw new ModelInputError(`${card.name}${where}: ${input.name} = ${value} is outside the trained range ${range}; the model does not extrapolate, run the simulation instead`);
      }
      return value;
    });
  });
}
