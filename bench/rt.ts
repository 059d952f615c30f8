/**
 * Radiotherapy engine benchmark: the TG-119 plans at a 2.5 mm dose grid (9-beam C-shape as in the issue),
 * with dose-influence and optimisation times, time per beamlet, and the goals tables. Times are also given as
 * ratios to a plain reference loop measured in this run: one streaming pass of multiply-adds over arrays the size
 * of the influence matrix (the least any matrix-based engine must touch per dose evaluation).
 * For the 9-beam C-shape the influence matrix is also rebuilt on 1 and on 2 threads (the speed-up from threads,
 * and a check that both give the same matrix).
 * Run: npx tsx bench/rt.ts
 */
import { createJobContext } from '../workers/process/job-context';
import type { Plan } from '../workers/rt/plan/plan';
import { buildInfluenceMatrixThreaded } from '../workers/rt/dose/influence-threads';
import { deliveredFluence, sequenceFluence } from '../workers/rt/beams/leaf-sequencing';
import { doseFromWeights } from '../workers/rt/dose/sparse';
import { planTg119 } from '../workers/phantom/tg119-plan';
import { TG119_CASES } from '../workers/phantom/tg119-phantoms';

/**
 * Seconds for one plain pass y[idx[e]] += v[e]·w over nnz entries with indices that simply run round the voxels
 * (the same arrays and arithmetic as a sparse product, none of its irregular access).
 */
function referencePassS(nnz: number, nVoxels: number): number {
  const idx = new Uint32Array(nnz);
  const v = new Float32Array(nnz);
  for (let e = 0; e < nnz; e++) {
    idx[e] = e % nVoxels;
    v[e] = (e % 97) / 97;
  }
  const y = new Float64Array(nVoxels);
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (let e = 0; e < nnz; e++) y[idx[e]!]! += v[e]! * 1.5;
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  if (y[0] === -1) console.log(''); // keep the loop observable
  return best;
}

/**
 * Seconds (wall clock, and CPU of all the process' threads) to build the plan's influence matrix on `threads`
 * threads, and whether it equals the plan's own. CPU ≫ wall/threads means other processes had the cores.
 */
function influenceOnThreads(plan: Plan, threads: number): { seconds: number; cpuSeconds: number; same: boolean } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m = buildInfluenceMatrixThreaded(plan.grid, plan.voxels, plan.beams, { lateralCutoffMm: 25, threads }, createJobContext());
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const p = plan.influence;
  const same = m.voxel.length === p.voxel.length && m.value.every((v, e) => v === p.value[e] && m.voxel[e] === p.voxel[e]);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, same };
}

/** Step-and-shoot segments at 10 levels: their count, and how far the delivered dose strays from the optimised. */
function sequencing(plan: Plan): { segments: number; maxDoseDiffPct: number } {
  const delivered = new Float64Array(plan.weights.length);
  let segments = 0;
  plan.beams.forEach((b, n) => {
    const at = plan.influence.beamStart[n]!;
    const s = sequenceFluence(b, plan.weights.subarray(at, at + b.uMm.length), 10);
    segments += s.segments.length;
    delivered.set(deliveredFluence(b, s), at);
  });
  const dose = doseFromWeights(plan.influence, delivered);
  let max = 0, worst = 0;
  plan.doseGy.forEach((d, q) => { max = Math.max(max, d); worst = Math.max(worst, Math.abs(dose[q]! - d)); });
  return { segments, maxDoseDiffPct: (100 * worst) / max };
}

const ctx = createJobContext();
for (const which of TG119_CASES) {
  const r = planTg119(which, ctx);
  const m = r.plan.influence;
  const nnz = m.voxel.length;
  const ref = referencePassS(nnz, m.nVoxels);
  const iterations = r.plan.objectiveHistory.length - 1;
  console.log(`\n${which}: ${r.plan.beams.length} beams, ${m.nBixels} beamlets, ${m.nVoxels} dose voxels (2.5 mm), ${(nnz / 1e6).toFixed(1)} M non-zeros`);
  console.log(`  dose influence   ${r.timingsS.dose.toFixed(2)} s  (${((1000 * r.timingsS.dose) / m.nBixels).toFixed(2)} ms per beamlet; ${(r.timingsS.dose / ref).toFixed(0)}× the reference pass of ${(ref * 1000).toFixed(0)} ms)`);
  console.log(`  optimisation     ${r.timingsS.optimisation.toFixed(2)} s  (${iterations} iterations, ${((1000 * r.timingsS.optimisation) / Math.max(1, iterations)).toFixed(0)} ms each = ${(r.timingsS.optimisation / Math.max(1, iterations) / ref).toFixed(1)}× the reference pass)`);
  if (which === 'tg119-cshape-easy') {
    const one = influenceOnThreads(r.plan, 1);
    const two = influenceOnThreads(r.plan, 2);
    console.log(`  influence matrix 1 thread ${one.seconds.toFixed(2)} s (${((1000 * one.seconds) / m.nBixels).toFixed(2)} ms per beamlet), 2 threads ${two.seconds.toFixed(2)} s: speed-up ${(one.seconds / two.seconds).toFixed(2)}×; identical matrices: ${one.same && two.same ? 'yes' : 'NO'}`);
    console.log(`  CPU time of all threads: 1 thread ${one.cpuSeconds.toFixed(2)} s, 2 threads ${two.cpuSeconds.toFixed(2)} s (wall time above this: other processes held the cores)`);
  }
  const seq = sequencing(r.plan);
  console.log(`  leaf sequencing  ${seq.segments} step-and-shoot segments (${(seq.segments / r.plan.beams.length).toFixed(1)} per beam, 10 levels); delivered dose within ${seq.maxDoseDiffPct.toFixed(1)} % of the maximum`);
  console.log('  structure  metric goal        achieved  pass');
  for (const g of r.goals) console.log(`  ${g.structure.padEnd(10)} ${g.metric.padEnd(6)} ${g.goal.padEnd(11)} ${g.achievedGy.toFixed(2).padStart(7)} Gy ${g.pass ? 'pass' : 'FAIL'}`);
}
