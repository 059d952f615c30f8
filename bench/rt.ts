/**
 * Radiotherapy engine benchmark: the TG-119 plans at a 2.5 mm dose grid (9-beam C-shape as in the issue),
 * with dose-influence and optimisation times, time per beamlet, and the goals tables. Times are also given as
 * ratios to a plain reference loop measured in this run: one streaming pass of multiply-adds over arrays the size
 * of the influence matrix (the least any matrix-based engine must touch per dose evaluation).
 * Run: npx tsx bench/rt.ts
 */
import { createJobContext } from '../workers/process/job-context';
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
  console.log('  structure  metric goal        achieved  pass');
  for (const g of r.goals) console.log(`  ${g.structure.padEnd(10)} ${g.metric.padEnd(6)} ${g.goal.padEnd(11)} ${g.achievedGy.toFixed(2).padStart(7)} Gy ${g.pass ? 'pass' : 'FAIL'}`);
}
