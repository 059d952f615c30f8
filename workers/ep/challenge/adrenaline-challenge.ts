/**
 * The virtual epinephrine QT stress test: for each infusion rate, the genotype's cells under the graded β-adrenergic
 * effect are paced at the heart rate that goes with the dose, in a transmural wedge with a pseudo-ECG; the QT
 * interval, its change from baseline (dose 0) and any arrhythmia events are reported.
 */
import type { JobContext } from '../../process/job-context';
import { scarBorderZone, challengeModifiers, heartRateBpm, type Genotype } from './beta-adrenergic';
import { simulateWedge, type WedgeInput } from '../tissue/transmural-wedge';
import type { ArrhythmiaEvent } from './arrhythmia-monitor';
import type { CurrentModifiers } from '../models/ionic-model';

export interface ChallengeInput {
  genotype: Genotype;
  dosesUgPerKgMin: number[];
  /** single-cell pre-pacing beats per dose (default 20) and coupled wedge beats (default 2) */
  prepaceBeats?: number;
  wedgeBeats?: number;
  dxMm?: number;
  dtMs?: number;
}

export interface ChallengeDoseResult {
  dose: number;
  heartRateBpm: number;
  qtMs: number;
  deltaQtMs: number;
  events: { kind: string; timeMs: number; lps: [number, number, number]; region: string }[];
  ecg: { dtMs: number; values: number[] };
}

export interface ChallengeResult {
  genotype: Genotype;
  results: ChallengeDoseResult[];
}

export async function runAdrenalineChallenge(input: ChallengeInput, ctx: JobContext): Promise<ChallengeResult> {
  const doses = [...input.dosesUgPerKgMin];
  const needsBaseline = !doses.includes(0);
  const runDoses = needsBaseline ? [0, ...doses] : doses;
  const byDose = new Map<number, ChallengeDoseResult>();
  for (const [index, dose] of runDoses.entries()) {
    ctx.progress(index / runDoses.length, `dose ${dose} µg/kg/min`);
    const hr = heartRateBpm(dose);
    const wedge: WedgeInput = {
      modifiers: challengeModifiers(input.genotype, dose),
      bclMs: 60000 / hr,
      beats: input.wedgeBeats ?? 2,
      prepaceBeats: input.prepaceBeats ?? 20,
      ...(input.dxMm !== undefined ? { dxMm: input.dxMm } : {}),
      ...(input.dtMs !== undefined ? { dtMs: input.dtMs } : {}),
      ...(input.genotype === 'scar'
        ? {
            borderZone: {
              fromFraction: 0.4,
              toFraction: 0.6,
              conductionScale: scarBorderZone.conductionScale,
              modifiers: scarBorderZone.modifiers as CurrentModifiers,
            },
          }
        : {}),
    };
    const r = await simulateWedge(wedge, ctx);
    byDose.set(dose, {
      dose,
      heartRateBpm: hr,
      qtMs: r.qt.qtMs,
      deltaQtMs: 0,
      events: r.events.map((e: ArrhythmiaEvent) => ({ kind: e.kind, timeMs: e.timeMs, lps: e.lps, region: e.region })),
      ecg: { dtMs: r.ecgDtMs, values: Array.from(r.ecg) },
    });
  }
  const baseline = byDose.get(0)!.qtMs;
  const results = doses.map((dose) => {
    const r = byDose.get(dose)!;
    return { ...r, deltaQtMs: r.qtMs - baseline };
  });
  ctx.progress(1, 'done');
  return { genotype: input.genotype, results };
}
