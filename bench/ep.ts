/**
 * Cardiac EP bench: cell-steps per second of the TT06 monodomain step (reaction + diffusion + activation record)
 * with 1 and 2 threads, against a plain C version of the same step (bench/ep-reference.c, cc -O3) run on the same
 * grid in the same run; then wall times and activation times of the Niederer 2011 cases asked for.
 *
 * Last, the patient's-heart run (workers/ep/heart) on the demo patient's LV with the default protocol: cells,
 * simulated ms, wall and CPU seconds, and its cell-steps/s against the TT06 figure above.
 *
 *   npx tsx bench/ep.ts [--steps 200] [--niederer 0.5:0.05,0.2:0.05] [--threads 2] [--heart 1|0] [--heart-grid 1]
 *   (dx 0.1 mm cases take tens of minutes per thread on a laptop core: add e.g. 0.1:0.05 explicitly)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createJobContext } from '../workers/process/job-context';
import { IDENTITY_DIRECTION, type LabelMap, type Vec3 } from '../workers/volume/volume';
import { monodomainDiffusivity } from '../workers/ep/tissue/conductivity';
import { MonodomainSolver } from '../workers/ep/tissue/monodomain';
import { runNiederer } from '../workers/ep/tissue/niederer-benchmark';
import { heartFromCt } from '../workers/ep/heart/heart-from-ct';
import { simulateHeart, stimulusTimes, type HeartProtocol } from '../workers/ep/heart/simulate-heart';
import { buildDemoPatient } from '../workers/phantom/demo-patient';
import niederer from '../assets/ep/niederer-2011.json';

const { values } = parseArgs({
  options: { steps: { type: 'string' }, niederer: { type: 'string' }, threads: { type: 'string' }, heart: { type: 'string' }, 'heart-grid': { type: 'string' } },
});
const steps = Number(values.steps ?? 200);
const threads = Number(values.threads ?? 2);
const cases = (values.niederer ?? '0.5:0.05,0.5:0.01,0.2:0.05').split(',').filter(Boolean).map((c) => c.split(':').map(Number) as [number, number]);

// The bench grid: the Niederer slab at dx 0.2 mm (100 × 35 × 15 = 52 500 cells), dt 0.05 ms.
const dx = 0.2;
const dt = 0.05;
const dims: Vec3 = [100, 35, 15];
const diffusivity = monodomainDiffusivity(niederer.conductivities, niederer.chiPerCm, niederer.cmUfPerCm2);

function jsRun(threadCount: number): { cellStepsPerS: number; checksum: number } {
  const mask: LabelMap = { dims, spacing: [dx, dx, dx], origin: [0, 0, 0], direction: [...IDENTITY_DIRECTION], data: new Uint8Array(dims[0] * dims[1] * dims[2]).fill(1) };
  const solver = new MonodomainSolver({ mask, modelForLabel: () => ({ id: 'tt06-epi' }), diffusivity, fibres: [1, 0, 0], threads: threadCount });
  try {
    const [nx, ny] = dims;
    for (let c = 0; c < solver.n; c++) {
      const v = solver.voxelOfCell[c]!;
      const inside = ((v % nx) + 1) * dx <= 1.5 && ((Math.floor(v / nx) % ny) + 1) * dx <= 1.5 && (Math.floor(v / (nx * ny)) + 1) * dx <= 1.5;
      if (inside) solver.stimulus[c] = 50000 / 1400;
    }
    solver.step(dt); // builds the lookup table and weights outside the timed loop, like the C set-up
    const started = performance.now();
    for (let k = 1; k < steps; k++) {
      if (k * dt >= 2) solver.stimulus.fill(0);
      solver.step(dt);
    }
    const seconds = (performance.now() - started) / 1000;
    let checksum = 0;
    for (const v of solver.potential) checksum += v;
    return { cellStepsPerS: (solver.n * (steps - 1)) / seconds, checksum };
  } finally {
    solver.dispose();
  }
}

function cRun(): { cellStepsPerS: number; checksum: number } | string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ep-bench-'));
  try {
    const source = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ep-reference.c');
    const binary = path.join(dir, 'ep-reference');
    try {
      execFileSync('cc', ['-O3', '-o', binary, source, '-lm'], { stdio: 'pipe' });
    } catch (err) {
      return `no C baseline (cc failed or missing: ${(err as Error).message.split('\n')[0]})`;
    }
    const out = execFileSync(binary, [...dims.map(String), String(dx), String(steps), String(dt), String(diffusivity.longitudinalMm2PerMs), String(diffusivity.transverseMm2PerMs)], { encoding: 'utf8' });
    const [rate, checksum] = out.trim().split(/\s+/).map(Number);
    return { cellStepsPerS: rate!, checksum: checksum! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mega = (x: number): string => `${(x / 1e6).toFixed(2)} M`;
console.log(`TT06 monodomain step, ${dims.join('×')} cells (dx ${dx} mm), dt ${dt} ms, ${steps} steps`);
const c = cRun();
const one = jsRun(1);
const two = jsRun(threads);
console.log(`  JS, 1 thread      ${mega(one.cellStepsPerS)} cell-steps/s   (checksum ΣV ${one.checksum.toFixed(6)})`);
console.log(`  JS, ${threads} threads     ${mega(two.cellStepsPerS)} cell-steps/s   speed-up ${(two.cellStepsPerS / one.cellStepsPerS).toFixed(2)}×`);
if (typeof c === 'string') console.log(`  ${c}`);
else {
  console.log(`  C -O3, 1 thread   ${mega(c.cellStepsPerS)} cell-steps/s   (checksum ΣV ${c.checksum.toFixed(6)})`);
  console.log(`  JS / C per core   ${(one.cellStepsPerS / c.cellStepsPerS).toFixed(2)}×   (goal ≥ 0.7×)`);
}

console.log(`\nNiederer 2011 benchmark (${threads} threads), activation times in ms; published P8 at dx 0.1/dt 0.005: 37.8–48.7 ms`);
console.log(`  dx    dt     ${Object.keys(niederer.points).map((p) => p.padStart(7)).join('')}   wall s`);
for (const [cdx, cdt] of cases) {
  const r = await runNiederer({ dxMm: cdx, dtMs: cdt, threads }, createJobContext());
  console.log(`  ${String(cdx).padEnd(5)} ${String(cdt).padEnd(6)} ${Object.values(r.points).map((t) => t.toFixed(2).padStart(7)).join('')}   ${r.runtimeS.toFixed(1)}`);
}

if (values.heart !== '0') {
  const gridMm = Number(values['heart-grid'] ?? 1);
  const protocol: HeartProtocol = { kind: 's1s4', s1CycleMs: 600, s1Beats: 3, couplingsMs: [300] };
  // the demo patient's heart lies in slices 10–90; segmenting only those keeps the set-up short
  const ct = buildDemoPatient(createJobContext(), { slices: { from: 10, to: 90 } }).ct;
  const heart = heartFromCt(ct, { gridMm }, createJobContext());
  const cpu = process.cpuUsage();
  const started = performance.now();
  const r = await simulateHeart({ lv: heart.lv, electrodes: heart.electrodes, genotype: 'control', doseUgPerKgMin: 0, protocol }, createJobContext());
  const wallS = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cellSteps = r.cells * Math.round(r.durationMs / 0.1);
  console.log(`\nPatient heart (demo LV, ${gridMm} mm, S1 600 ms × 3 + S2 300 ms: stimuli ${stimulusTimes(protocol).join(', ')} ms), ${r.model.split(':')[0]}, dt 0.1 ms`);
  const cpuS = (used.user + used.system) / 1e6;
  console.log(`  cells ${r.cells}, simulated ${r.durationMs} ms, wall ${wallS.toFixed(1)} s, CPU ${cpuS.toFixed(1)} s`);
  console.log(`  ${mega(cellSteps / wallS)} cell-steps/s (reaction, diffusion, recording, ECG and events) = ${(cellSteps / wallS / one.cellStepsPerS).toFixed(1)}× the TT06 step above`);
  // on a shared machine the wall clock counts other processes' time too: the CPU-time rate is the engine's own
  console.log(`  ${mega(cellSteps / cpuS)} cell-steps per CPU second`);
}
