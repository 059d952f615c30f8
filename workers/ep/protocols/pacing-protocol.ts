/**
 * Stimulus schedules for tissue runs: programmed electrical stimulation (an S1 train, then S2–S4 extrastimuli at
 * shortening coupling intervals, as in clinical VT-inducibility testing and Arevalo et al. 2016) and burst pacing.
 * A schedule is just the list of stimulus onset times; the tissue driver applies the stimulus at the chosen site.
 */
export interface ProgrammedStimulation {
  s1CycleMs: number;
  s1Count: number;
  /** coupling interval of S2, S3, S4 … each from the previous stimulus (ms) */
  extraCouplingMs: number[];
}

export interface BurstPacing {
  cycleMs: number;
  count: number;
  startMs?: number;
}

export function programmedStimulationTimes(p: ProgrammedStimulation): number[] {
  if (!(p.s1CycleMs > 0) || p.s1Count < 1) throw new Error('S1 needs a positive cycle length and at least one beat');
  const times = Array.from({ length: p.s1Count }, (_, k) => k * p.s1CycleMs);
  for (const coupling of p.extraCouplingMs) {
    if (!(coupling > 0)) throw new Error('coupling intervals must be positive');
    times.push(times[times.length - 1]! + coupling);
  }
  return times;
}

export function burstPacingTimes(p: BurstPacing): number[] {
  if (!(p.cycleMs > 0) || p.count < 1) throw new Error('burst pacing needs a positive cycle length and at least one beat');
  return Array.from({ length: p.count }, (_, k) => (p.startMs ?? 0) + k * p.cycleMs);
}

/**
 * A clinical-style decremental protocol: S1 × 8 at the cycle length, then S2 (and S3, S4) starting at `startMs`
 * coupling and shortening by `stepMs` per attempt down to `minMs`. Returns one schedule per attempt.
 */
export function decrementalExtrastimuli(s1CycleMs: number, extras: number, startMs = 350, stepMs = 10, minMs = 180): number[][] {
  const attempts: number[][] = [];
  for (let coupling = startMs; coupling >= minMs; coupling -= stepMs) {
    attempts.push(programmedStimulationTimes({ s1CycleMs, s1Count: 8, extraCouplingMs: Array(extras).fill(coupling) }));
  }
  return attempts;
}
