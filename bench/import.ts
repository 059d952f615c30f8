/**
 * Import throughput and memory of the DICOM engine (workers/dicom), against plain reads of the same bytes.
 *
 *   time ratio   = (scanDicom + loadSeriesVolume) / fs.readFileSync of every file of the folder, same run, warm
 *                  page cache, 5 runs: best against best, and the median of the 5 paired ratios, which a busy
 *                  (shared) machine disturbs less; and the same ratio in CPU time (user + system, process.cpuUsage),
 *                  which waiting for a busy CPU does not inflate (goal ≤ 3×)
 *   memory ratio = peak growth while loading / voxel bytes, in a fresh child process per series (goal ≤ 1.1×):
 *                  RSS and ArrayBuffer growth over the values just before the load, sampled every 2 ms
 *
 * Beside them, the first touch of as much fresh memory as the volume holds (a new array, written once): the kernel's
 * page faults that any load into new memory pays and the reads of the baseline, into recycled buffers, do not.
 * Below glibc's largest mmap threshold (32 MB) freed memory is recycled and this is near zero.
 *
 * `--long N` adds a synthetic 512×512×N CT (the demo patient's slices repeated along z, written as real DICOM into a
 * temporary folder) to check that a long series loads within the memory goal, e.g. `--long 1500` (786 MB of voxels).
 *
 * Run: npx tsx bench/import.ts [--long N]   (or npm run bench -- import)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingDataMessage, sharedData } from '../testing/shared-data';
import { listFiles } from '../workers/dicom/files/list-files';
import { scanDicom, type ScannedSeries } from '../workers/dicom/scan';
import { loadSeriesVolume } from '../workers/dicom/volume';
import { createJobContext } from '../workers/process/job-context';
import { buildDemoPatient } from '../workers/phantom/demo-patient';
import { writeCtSeries } from '../workers/dicom/write/ct-image';
import { uidFromSeed } from '../workers/dicom/write/uid';

const ctx = createJobContext();
const CASES = [
  { data: 'dicom/ct-chest-cptac-99', series: 'LUNG 3.0  B70f' },
  { data: 'dicom/mr-brain-mixed', series: 'AX FSE T2' },
  { data: 'dicom/mr-brain-mixed', series: 'mocoMEMPRAGE_220FOV RMS' },
];
const LONG_SERIES = 'Long CT (synthetic)';

/** Writes `slices` axial 512×512 CT slices (the demo CT's slices over and over) into a fresh temporary folder. */
async function writeLongSeries(slices: number): Promise<string> {
  const demo = buildDemoPatient().ct;
  const [nx, ny, nz] = demo.dims;
  const data = new Int16Array(nx * ny * slices);
  for (let k = 0; k < slices; k++) data.set(demo.data.subarray((k % nz) * nx * ny, ((k % nz) + 1) * nx * ny), k * nx * ny);
  const dir = mkdtempSync(path.join(tmpdir(), 'twin-long-series-'));
  const seed = `bench-long-${slices}`;
  await writeCtSeries(dir, {
    volumeHu: { ...demo, dims: [nx, ny, slices], data },
    patient: { name: 'Bench^Long', id: 'BENCH-LONG' },
    study: { studyInstanceUid: uidFromSeed(`${seed}/study`), dateTime: new Date(), id: '1' },
    series: { seriesInstanceUid: uidFromSeed(`${seed}/series`), number: 1, description: LONG_SERIES, patientPosition: 'HFS' },
    equipment: { manufacturer: 'Twin Workstation', modelName: 'bench' },
    frameOfReferenceUid: uidFromSeed(`${seed}/for`),
    uidSeed: seed,
  });
  return dir;
}

const pick = (series: ScannedSeries[], description: string): ScannedSeries => {
  const s = series.find((x) => x.description === description);
  if (!s) throw new Error(`no series "${description}"`);
  return s;
};


async function measureMemoryInChild(dir: string, description: string): Promise<void> {
  // Everything the load needs is imported and the codecs are warm before the baseline is taken.
  const scan = await scanDicom([dir], ctx);
  const series = pick(scan.series, description);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakArrayBuffers = before.arrayBuffers;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
  };
  // The loader yields to the event loop every few slices, so the sampler runs during the load.
  const timer = setInterval(sample, 2);
  const volume = await loadSeriesVolume(series.instances, ctx);
  clearInterval(timer);
  sample();
  process.stdout.write(
    JSON.stringify({
      voxelBytes: volume.data.byteLength,
      rssGrowth: peakRss - before.rss,
      arrayBuffersGrowth: peakArrayBuffers - before.arrayBuffers,
    }),
  );
}

async function main(): Promise<void> {
  const MB = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
  const longAt = process.argv.indexOf('--long');
  const longDir = longAt > 0 ? await writeLongSeries(Number(process.argv[longAt + 1])) : undefined;
  const cases = [...CASES.map((c) => ({ ...c, dir: sharedData(c.data) })), ...(longDir ? [{ data: path.basename(longDir), series: LONG_SERIES, dir: longDir }] : [])];
  for (const c of cases) {
    const dir = c.dir;
    if (!dir) {
      console.log(missingDataMessage(c.data));
      continue;
    }
    const files = listFiles([dir]).files;
    // Warm the page cache and the codecs so both sides read from memory.
    for (const f of files) readFileSync(f);
    await loadSeriesVolume(pick((await scanDicom([dir], ctx)).series, c.series).instances, ctx);

    const readMs: number[] = [];
    const importMs: number[] = [];
    const touchMs: number[] = [];
    const readCpuUs: number[] = [];
    const importCpuUs: number[] = [];
    const cpuUs = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since);
      return used.user + used.system;
    };
    let bytes = 0;
    let volumeDims = '';
    for (let rep = 0; rep < 5; rep++) {
      let t = performance.now();
      let cpu = process.cpuUsage();
      bytes = 0;
      for (const f of files) bytes += readFileSync(f).length;
      readMs.push(performance.now() - t);
      readCpuUs.push(cpuUs(cpu));
      t = performance.now();
      cpu = process.cpuUsage();
      const scan = await scanDicom([dir], ctx);
      const volume = await loadSeriesVolume(pick(scan.series, c.series).instances, ctx);
      importMs.push(performance.now() - t);
      importCpuUs.push(cpuUs(cpu));
      volumeDims = `${volume.dims.join('×')} ${volume.data.constructor.name}`;
      t = performance.now();
      new Uint8Array(volume.data.byteLength).fill(1);
      touchMs.push(performance.now() - t);
    }
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), '--memory', dir, c.series], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
    const mem = JSON.parse(child.stdout) as { voxelBytes: number; rssGrowth: number; arrayBuffersGrowth: number };

    console.log(`\n${c.data} / ${c.series}: ${volumeDims}`);
    console.log(`  read all ${files.length} files (${MB(bytes)}) with readFileSync: ${Math.min(...readMs).toFixed(0)} ms`);
    const pairedRatios = importMs.map((t, n) => t / readMs[n]!).sort((a, b) => a - b);
    console.log(
      `  scan the folder + load the series volume:        ${Math.min(...importMs).toFixed(0)} ms   ratio ${(Math.min(...importMs) / Math.min(...readMs)).toFixed(2)}× ` +
        `best/best, ${pairedRatios[2]!.toFixed(2)}× median of pairs (goal ≤ 3×)`,
    );
    console.log(
      `  first touch of ${MB(mem.voxelBytes)} of fresh memory alone:      ${Math.min(...touchMs).toFixed(0)} ms   ` +
        `${(Math.min(...touchMs) / Math.min(...readMs)).toFixed(2)}× the read (page faults, in the import's ratio too)`,
    );
    console.log(
      `  CPU time: read ${(Math.min(...readCpuUs) / 1000).toFixed(0)} ms, scan + load ${(Math.min(...importCpuUs) / 1000).toFixed(0)} ms   ` +
        `ratio ${(Math.min(...importCpuUs) / Math.min(...readCpuUs)).toFixed(2)}× best/best`,
    );
    console.log(
      `  voxel bytes ${MB(mem.voxelBytes)}; peak ArrayBuffer growth ${MB(mem.arrayBuffersGrowth)} = ${(mem.arrayBuffersGrowth / mem.voxelBytes).toFixed(2)}×; ` +
        `peak RSS growth ${MB(mem.rssGrowth)} = ${(mem.rssGrowth / mem.voxelBytes).toFixed(2)}× (goal ≤ 1.1×)`,
    );
  }
  if (longDir) rmSync(longDir, { recursive: true, force: true });
}

if (process.argv[2] === '--memory') await measureMemoryInChild(process.argv[3]!, process.argv[4]!);
else await main();
