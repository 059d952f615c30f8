/**
 * The summary an adrenaline-challenge job stores (`ChallengeResult` in workers/ep/challenge/adrenaline-challenge.ts),
 * parsed at the boundary: the contract carries it as `unknown`, so this workspace checks the shape it relies on.
 */
import { z } from 'zod';
import type { DerivedObject } from '../../main/contract/domain';

export const ArrhythmiaEvent = z.object({
  kind: z.string(),
  /** simulation time from the first coupled beat, ms */
  timeMs: z.number(),
  /** where it started, LPS mm */
  lps: z.tuple([z.number(), z.number(), z.number()]),
  region: z.string(),
});
export type ArrhythmiaEvent = z.infer<typeof ArrhythmiaEvent>;

export const ChallengeDoseResult = z.object({
  /** epinephrine infusion rate, µg/kg/min */
  dose: z.number(),
  heartRateBpm: z.number(),
  qtMs: z.number(),
  /** QT change from the dose-0 baseline of the same run, ms */
  deltaQtMs: z.number(),
  events: z.array(ArrhythmiaEvent),
  /** pseudo-ECG of the last paced beat, sampled every dtMs from its stimulus (t = 0) */
  ecg: z.object({ dtMs: z.number().positive(), values: z.array(z.number()) }),
});
export type ChallengeDoseResult = z.infer<typeof ChallengeDoseResult>;

export const ChallengeResult = z.object({
  genotype: z.string(),
  results: z.array(ChallengeDoseResult),
});
export type ChallengeResult = z.infer<typeof ChallengeResult>;

/** A stored challenge run with its parsed result; `result` is null when the stored shape is unknown. */
export interface ChallengeRun {
  id: string;
  title: string;
  createdAt: string;
  result: ChallengeResult | null;
}

export function toChallengeRun(derived: DerivedObject): ChallengeRun {
  const parsed = ChallengeResult.safeParse(derived.summary);
  return { id: derived.id, title: derived.title, createdAt: derived.createdAt, result: parsed.success ? parsed.data : null };
}
