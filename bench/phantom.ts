/**
 * Demo-patient bench (issue 2, item 4): how long the 512 × 512 × 120 demo CT takes to compute and to write as DICOM
 * (120 CT files + RTSTRUCT + truth.json), each as a multiple of a baseline measured in the same run: one plain pass
 * over the same grid testing every voxel centre against a single ellipsoid, the least any rasteriser of this grid
 * must do. Also prints how much of the volume needed sub-voxel sampling. Goal: the whole demo well under 20 s.
 *
 * Run: npx tsx bench/phantom.ts   (or npm run bench -- phantom)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_GRID, DEMO_SHAPES } from '../workers/phantom/demo-anatomy';
import { buildDemoPatient, writeDemoPatient } from '../workers/phantom/demo-patient';
import { createJobContext } from '../workers/process/job-context';

/** Wall and CPU seconds (user + system); on a shared machine CPU time is the steadier figure. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; wallS: number; cpuS: number }> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, wallS: (performance.now() - t0) / 1000, cpuS: (used.user + used.system) / 1e6 };
}

function baselinePass(): number {
  const [nx, ny, nz] = DEMO_GRID.dims;
  const [sx, sy, sz] = DEMO_GRID.spacing;
  const [ox, oy, oz] = DEMO_GRID.origin;
  const lung = DEMO_SHAPES.lungLeft;
  let inside = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (lung.contains(ox + i * sx, oy + j * sy, oz + k * sz)) inside++;
  return inside;
}

const base = await timed(baselinePass);
const build = await timed(() => buildDemoPatient());
const dir = mkdtempSync(path.join(tmpdir(), 'twin-demo-bench-'));
const write = await timed(() => writeDemoPatient(dir, createJobContext()));
rmSync(dir, { recursive: true, force: true });

// Voxels that are not within noise of a pure tissue value are the partial-volume ones.
const pure = new Set([-1000, 300, -700, -100, -90, 40, -850, 30, 100, 350, 700, 80, 35]);
let mixed = 0;
const data = build.value.ct.data;
for (let n = 0; n < data.length; n++) {
  let near = false;
  for (const h of pure) if (Math.abs(data[n]! - h) <= 30) near = true;
  if (!near) mixed++;
}

const row = (label: string, t: { wallS: number; cpuS: number }) =>
  `${label.padEnd(44)} ${t.wallS.toFixed(2).padStart(7)} s wall ${t.cpuS.toFixed(2).padStart(7)} s CPU   ×${(t.cpuS / base.cpuS).toFixed(1)} baseline CPU`;
console.log(`grid ${DEMO_GRID.dims.join(' × ')} = ${(data.length / 1e6).toFixed(1)} M voxels`);
console.log(row('baseline: one ellipsoid test per voxel', base));
console.log(row('buildDemoPatient (HU volume)', build));
console.log(row('writeDemoPatient (build + 121 files + truth)', write));
console.log(`voxels off every pure tissue value by > 30 HU (partial volume): ${((100 * mixed) / data.length).toFixed(2)} %`);
