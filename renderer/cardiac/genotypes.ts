/**
 * What each genotype preset changes and where that comes from, read from the same table the engine uses
 * (assets/ep/adrenaline-challenge.json), so the workspace never describes a preset differently from how it runs.
 */
import table from '../../assets/ep/adrenaline-challenge.json';
import type { RequestOf } from '../../main/contract/channels';

type ChallengeRequest = Extract<RequestOf<'jobs.start'>, { kind: 'ep.challenge' }>;
export type Genotype = ChallengeRequest['input']['genotype'];

export const GENOTYPES: readonly Genotype[] = ['control', 'lqt1', 'lqt2', 'lqt3', 'cpvt', 'scar'];

const LABELS: Record<Genotype, string> = {
  control: 'Control',
  lqt1: 'LQT1 (KCNQ1)',
  lqt2: 'LQT2 (KCNH2)',
  lqt3: 'LQT3 (SCN5A)',
  cpvt: 'CPVT (RyR2)',
  scar: 'Post-infarct scar',
};

export interface GenotypeInfo {
  id: Genotype;
  label: string;
  /** the channel change in one line */
  change: string;
  citation: string;
}

/** The sentence of the genotype citations that starts with "LQT1:", "CPVT:" …, or null. */
function citationFor(prefix: string): string | null {
  const sentences = table.citations.genotypes.split(/(?=\b(?:LQT\d|CPVT): )/);
  return sentences.find((s) => s.startsWith(`${prefix}: `))?.trim() ?? null;
}

/** A note's trailing "(Author … 1985 …)" is its reference: split it off so the change reads as one line. */
function splitReference(note: string): { change: string; reference: string | null } {
  const match = /^(.*?)\s*\(([^()]*\b(?:19|20)\d\d\b[^()]*)\)\s*$/.exec(note);
  return match ? { change: match[1]!, reference: match[2]! } : { change: note, reference: null };
}

export function genotypeInfo(id: Genotype): GenotypeInfo {
  const preset = table.genotypes[id];
  const { change, reference } = splitReference(('note' in preset ? preset.note : null) ?? 'no channel change: normal cells under the graded β-adrenergic effect');
  // Control has no channel change of its own: the β-adrenergic parameter set is its source.
  const citation = citationFor(id.toUpperCase()) ?? reference ?? table.citations.betaAdrenergicEffects;
  return { id, label: LABELS[id], change, citation };
}

export function genotypeLabel(id: string): string {
  return (GENOTYPES as readonly string[]).includes(id) ? LABELS[id as Genotype] : id;
}

/** The β-adrenergic targets with their maximal effect and half-effect dose, for the "what epinephrine does" table. */
export function betaAdrenergicTargets(): { target: string; maxEffect: number; ec50UgPerKgMin: number }[] {
  const ec50: Record<string, number> = table.ec50UgPerKgMin;
  return Object.entries(table.maxEffect as Record<string, number>).map(([target, maxEffect]) => ({ target, maxEffect, ec50UgPerKgMin: ec50[target]! }));
}

export const BETA_ADRENERGIC_CITATION = table.citations.betaAdrenergicEffects;
export const CLINICAL_PROTOCOL_CITATION = table.citations.clinicalProtocol;
