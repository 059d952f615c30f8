/**
 * Cardiac EP bench: cell-steps per second of the TT06 monodomain step (reaction + diffusion + activation record)
 * with 1 and 2 threads, against a plain C version of the same step (bench/ep-reference.c, cc -O3) run on the same
 * grid in the same run; then wall times and activation times of the Niederer 2011 cases asked for.
 *
 * The JS step is timed as the app runs it: bundled by esbuild like scripts/build-electron.mjs (the solver and its
 * monodomain-worker side by side) and started with plain node. Not in this tsx process: tsx's loader hooks make
 * Node transfer (detach) an ArrayBuffer at start-up, which switches off V8's "no ArrayBuffer was ever detached"
 * shortcut for the whole process, so every typed-array access carries one more check. That figure is printed too.
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
import { build } from 'esbuild';
import { createJobContext } from '../workers/process/job-context';
import { runNiederer } from '../workers/ep/tissue/niederer-benchmark';
import { heartFromCt } from '../workers/ep/heart/heart-from-ct';
import { simulateHeart, stimulusTimes, type HeartProtocol } from '../workers/ep/heart/simulate-heart';
import { buildDemoPatient } from '../workers/phantom/demo-patient';
import niederer from '../assets/ep/niederer-2011.json';
import { BENCH_DIFFUSIVITY, BENCH_GRID, runSolverBench, type SolverBenchResult } from './ep-solver-run';

const { values } = parseArgs({
  options: { steps: { type: 'string' }, niederer: { type: 'string' }, threads: { type: 'string' }, heart: { type: 'string' }, 'heart-grid': { type: 'string' } },
});
const steps = Number(values.steps ?? 200);
const threads = Number(values.threads ?? 2);
const cases = (values.niederer ?? '0.5:0.05,0.5:0.01,0.2:0.05').split(',').filter(Boolean).map((c) => c.split(':').map(Number) as [number, number]);

const { dxMm: dx, dtMs: dt, dims } = BENCH_GRID;
const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** Bundles bench/ep-solver-child.ts and the solver's worker as the app build does; returns the child's path. */
async function bundleSolverBench(outdir: string): Promise<string> {
  await build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error', // (esbuild warns that start-module-worker's tsx branch, unused in a bundle, reads import.meta)
    // as in scripts/build-electron.mjs: the thread pool finds monodomain-worker.cjs beside the bundle's own URL
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    entryPoints: {
      'ep-solver-child': path.join(benchDir, 'ep-solver-child.ts'),
      'monodomain-worker': path.join(benchDir, '../workers/ep/threads/monodomain-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.cjs' },
  });
  return path.join(outdir, 'ep-solver-child.cjs');
}

function bundledRun(child: string, threadCount: number): SolverBenchResult {
  return JSON.parse(execFileSync(process.execPath, [child, String(threadCount), String(steps)], { encoding: 'utf8' })) as SolverBenchResult;
}

function cRun(): { cellStepsPerS: number; checksum: number } | string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ep-bench-'));
  try {
    const source = path.join(benchDir, 'ep-reference.c');
    const binary = path.join(dir, 'ep-reference');
    try {
      execFileSync('cc', ['-O3', '-o', binary, source, '-lm'], { stdio: 'pipe' });
    } catch (err) {
      return `no C baseline (cc failed or missing: ${(err as Error).message.split('\n')[0]})`;
    }
    const out = execFileSync(binary, [...dims.map(String), String(dx), String(steps), String(dt), String(BENCH_DIFFUSIVITY.longitudinalMm2PerMs), String(BENCH_DIFFUSIVITY.transverseMm2PerMs)], { encoding: 'utf8' });
    const [rate, checksum] = out.trim().split(/\s+/).map(Number);
    return { cellStepsPerS: rate!, checksum: checksum! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mega = (x: number): string => `${(x / 1e6).toFixed(2)} M`;
console.log(`TT06 monodomain step, ${dims.join('×')} cells (dx ${dx} mm), dt ${dt} ms, ${steps} steps`);
const c = cRun();
const bundleDir = mkdtempSync(path.join(tmpdir(), 'ep-bench-js-'));
let one: SolverBenchResult, two: SolverBenchResult;
try {
  const child = await bundleSolverBench(bundleDir);
  one = bundledRun(child, 1);
  two = bundledRun(child, threads);
} finally {
  rmSync(bundleDir, { recursive: true, force: true });
}
const underTsx = runSolverBench(1, steps);
console.log(`  JS, 1 thread      ${mega(one.cellStepsPerS)} cell-steps/s   (checksum ΣV ${one.checksum.toFixed(6)})`);
console.log(`  JS, ${threads} threads     ${mega(two.cellStepsPerS)} cell-steps/s   speed-up ${(two.cellStepsPerS / one.cellStepsPerS).toFixed(2)}×`);
console.log(`  (JS, 1 thread, in this tsx process: ${mega(underTsx.cellStepsPerS)} cell-steps/s, see the note at the top)`);
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
  console.log(`  ${mega(cellSteps / wallS)} cell-steps/s (reaction, diffusion, recording, ECG and events) = ${(cellSteps / wallS / underTsx.cellStepsPerS).toFixed(1)}× the TT06 step in this process`);
  // on a shared machine the wall clock counts other processes' time too: the CPU-time rate is the engine's own
  console.log(`  ${mega(cellSteps / cpuS)} cell-steps per CPU second`);
}
