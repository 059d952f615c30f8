/**
 * A genotype preset as the QT surrogate's inputs (channel scalings), read from the table the engine uses
 * (assets/ep/adrenaline-challenge.json), so a preset button and a challenge run of that genotype ask the same question.
 */
import table from '../../assets/ep/adrenaline-challenge.json';
import type { RequestOf } from '../../main/contract/channels';
import type { Genotype } from './genotypes';

/** The native model behind the cardiac workspace's instant estimates (native-models/ep-qt-surrogate.md). */
export const QT_SURROGATE = 'ep-qt-surrogate';

export type EpQtScalings = Omit<RequestOf<'models.epQt'>, 'doseUgPerKgMin'>;

export const CONTROL_SCALINGS: EpQtScalings = { gKs: 1, gKr: 1, gCaL: 1, gNaLAbsolute: 0, vLeak: 1, iksBetaBlunting: 0 };

/**
 * The preset's scalings, or null when the surrogate cannot express it (the post-infarct scar is a tissue change, and
 * a preset touching a current the surrogate has no input for is not its question).
 */
export function surrogateScalingsFor(genotype: string): EpQtScalings | null {
  if (genotype === 'scar' || !(genotype in table.genotypes)) return null;
  const preset = table.genotypes[genotype as Genotype];
  const scalings: EpQtScalings = { ...CONTROL_SCALINGS };
  for (const [key, value] of Object.entries(preset.modifiers)) {
    if (!(key in scalings) || key === 'iksBetaBlunting') return null;
    scalings[key as keyof EpQtScalings] = value;
  }
  for (const target of preset.bluntedBetaAr) {
    if (target !== 'gKs') return null;
    scalings.iksBetaBlunting = 1;
  }
  return scalings;
}
