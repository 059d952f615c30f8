/** Every ionic model by the id the CLI and the UI use. */
import { createBuenoOrovio } from './bueno-orovio';
import type { CurrentModifiers, IonicModel } from './ionic-model';
import { createMitchellSchaeffer } from './mitchell-schaeffer';
import { createOrd } from './ord';
import { createTt06 } from './tt06';

export const MODEL_IDS = ['tt06-epi', 'tt06-endo', 'tt06-m', 'ms', 'bo', 'bo-epi', 'bo-endo', 'bo-m', 'ord-endo', 'ord-epi', 'ord-m'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export function isModelId(id: string): id is ModelId {
  return (MODEL_IDS as readonly string[]).includes(id);
}

/** Modifiers apply to TT06 and ORd; Mitchell–Schaeffer takes only tauCloseScale (the minimal models have no named currents). */
export function createModel(id: ModelId, modifiers: CurrentModifiers = {}): IonicModel {
  switch (id) {
    case 'tt06-epi':
      return createTt06('epi', modifiers);
    case 'tt06-endo':
      return createTt06('endo', modifiers);
    case 'tt06-m':
      return createTt06('m', modifiers);
    case 'ms':
      return createMitchellSchaeffer(modifiers);
    case 'bo':
    case 'bo-epi':
      return createBuenoOrovio('epi');
    case 'bo-endo':
      return createBuenoOrovio('endo');
    case 'bo-m':
      return createBuenoOrovio('m');
    case 'ord-endo':
      return createOrd('endo', modifiers);
    case 'ord-epi':
      return createOrd('epi', modifiers);
    case 'ord-m':
      return createOrd('m', modifiers);
  }
}
