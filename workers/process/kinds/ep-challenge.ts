/** The virtual adrenaline challenge as a job: the engine's result becomes a stored simulation run. */
import { runAdrenalineChallenge, type ChallengeResult } from '../../ep/challenge/adrenaline-challenge';
import type { Genotype } from '../../ep/challenge/beta-adrenergic';
import type { DerivedOutput } from '../derived-output';
import type { JobContext } from '../job-context';

export async function epChallenge(
  input: { genotype: Genotype; dosesUgPerKgMin: number[]; outDir: string },
  ctx: JobContext,
): Promise<DerivedOutput<ChallengeResult>> {
  const result = await runAdrenalineChallenge({ genotype: input.genotype, dosesUgPerKgMin: input.dosesUgPerKgMin }, ctx);
  const worst = result.results.reduce((m, r) => (Math.abs(r.deltaQtMs) > Math.abs(m) ? r.deltaQtMs : m), 0);
  const events = result.results.reduce((n, r) => n + r.events.length, 0);
  return {
    kind: 'ep-challenge',
    title: `Adrenaline challenge, ${input.genotype}: ΔQT up to ${worst.toFixed(0)} ms, ${events} arrhythmia event${events === 1 ? '' : 's'}`,
    summary: result,
    files: [],
  };
}
