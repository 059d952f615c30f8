/**
 * Epinephrine dose → graded β-adrenergic effect on each current (Hill curve per target) and heart rate.
 * Tables and citations: assets/ep/adrenaline-challenge.json.
 */
import table from '../../../assets/ep/adrenaline-challenge.json';
import { combineModifiers, type CurrentModifiers } from '../models/ionic-model';

export type BetaTarget = keyof typeof table.maxEffect;
export type Genotype = keyof typeof table.genotypes;
export const GENOTYPES = Object.keys(table.genotypes) as Genotype[];

export function isGenotype(value: string): value is Genotype {
  return (GENOTYPES as string[]).includes(value);
}

function hill(doseUgPerKgMin: number, ec50: number): number {
  const n = table.hillCoefficient;
  return doseUgPerKgMin <= 0 ? 0 : doseUgPerKgMin ** n / (ec50 ** n + doseUgPerKgMin ** n);
}

/** Fraction (0–1) of the maximal β-AR effect on one target at an infusion rate. */
export function betaFraction(target: BetaTarget, doseUgPerKgMin: number): number {
  return hill(doseUgPerKgMin, table.ec50UgPerKgMin[target]);
}

export function heartRateBpm(doseUgPerKgMin: number): number {
  const hr = table.heartRate;
  return hr.restingBpm + hr.maxRiseBpm * hill(doseUgPerKgMin, hr.ec50UgPerKgMin);
}

/**
 * Genotype change combined with the β-AR effect at a dose. Multipliers scale geometrically between 1 and the maximal
 * effect (f = 0.5 of ×2.5 gives ×1.58), shifts linearly. Targets the genotype blunts get no β-AR effect.
 */
export function challengeModifiers(genotype: Genotype, doseUgPerKgMin: number, extra: CurrentModifiers = {}): CurrentModifiers {
  const g = table.genotypes[genotype];
  const blunted = new Set<string>(g.bluntedBetaAr);
  const beta: Record<string, number> = {};
  for (const [target, max] of Object.entries(table.maxEffect) as [BetaTarget, number][]) {
    if (blunted.has(target)) continue;
    const f = betaFraction(target, doseUgPerKgMin);
    beta[target] = target === 'naInactivationShiftMv' ? max * f : max ** f;
  }
  return combineModifiers(combineModifiers(g.modifiers as CurrentModifiers, beta as CurrentModifiers), extra);
}

export const scarBorderZone = table.scarBorderZone;
