/**
 * The patient's-heart EP run as a job: CT → LV model → programmed stimulation (workers/ep/heart), stored as an
 * 'ep-heart-run' derived object with these payload files (the contract the cardiac workspace reads):
 *   heart-surface.json  { verticesLps: number[] (flat x,y,z mm), triangles: number[] (flat), regions: string[] (per vertex) }
 *   activation-ms.f32   Float32 per vertex: first activation after the last S1, ms from that stimulus (NaN = never)
 *   apd90-ms.f32        Float32 per vertex: APD90 of that beat (NaN = none)
 *   voltage-mv.f32      Float32 [frames × vertices], frame f at f·frameIntervalMs from the first stimulus
 * All Float32 files little-endian.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { loadSeriesVolume } from '../../dicom/volume';
import { runHeartFromCt, type HeartRunRequest, type HeartRunSummary } from '../../ep/heart/heart-run';
import type { HeartRunResult } from '../../ep/heart/simulate-heart';
import type { DerivedFileOut, DerivedOutput } from '../derived-output';
import { progressRange, type JobContext } from '../job-context';

export const EP_HEART_FILES = {
  surface: 'heart-surface.json',
  activation: 'activation-ms.f32',
  apd90: 'apd90-ms.f32',
  voltage: 'voltage-mv.f32',
} as const;

const f32 = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Writes the four payload files of a heart run into outDir. */
export function writeHeartRunFiles(result: HeartRunResult, outDir: string): DerivedFileOut[] {
  const s = result.surface;
  const surface = { verticesLps: Array.from(s.verticesLps, (v) => Math.round(v * 100) / 100), triangles: Array.from(s.triangles), regions: s.regions };
  writeFileSync(path.join(outDir, EP_HEART_FILES.surface), JSON.stringify(surface));
  writeFileSync(path.join(outDir, EP_HEART_FILES.activation), f32(result.activationMs));
  writeFileSync(path.join(outDir, EP_HEART_FILES.apd90), f32(result.apd90Ms));
  writeFileSync(path.join(outDir, EP_HEART_FILES.voltage), f32(result.voltageMv));
  return [
    { name: EP_HEART_FILES.surface, mediaType: 'application/json' },
    { name: EP_HEART_FILES.activation, mediaType: 'application/octet-stream' },
    { name: EP_HEART_FILES.apd90, mediaType: 'application/octet-stream' },
    { name: EP_HEART_FILES.voltage, mediaType: 'application/octet-stream' },
  ];
}

export function heartRunTitle(s: HeartRunSummary): string {
  const p = s.protocol;
  const protocol = p.kind === 's1s4' ? `S1 ${p.s1CycleMs}×${p.s1Beats}${p.couplingsMs.length ? ` + ${p.couplingsMs.join('/')} ms` : ''}` : `burst ${p.burstCycleMs ?? 250} ms`;
  const kinds = [...new Set(s.events.map((e) => e.kind))];
  return `Heart EP, ${s.genotype} ${s.doseUgPerKgMin} µg/kg/min, ${protocol}: ${kinds.length ? kinds.join(', ') : 'no arrhythmia'}`;
}

export async function epHeart(input: HeartRunRequest & { files: string[]; outDir: string }, ctx: JobContext): Promise<DerivedOutput<HeartRunSummary>> {
  const { files, outDir, ...request } = input;
  const ct = await loadSeriesVolume(files, progressRange(ctx, 0, 0.1, 'loading the CT'));
  // One core stays free for the UI and the other jobs; the solver's threads give ~1.6× on two (bench/ep.ts).
  const threads = Math.min(4, Math.max(1, availableParallelism() - 1));
  const { result, summary } = await runHeartFromCt(ct, { threads, ...request }, progressRange(ctx, 0.1, 0.98));
  ctx.progress(0.99, 'writing the results');
  return { kind: 'ep-heart-run', title: heartRunTitle(summary), summary, files: writeHeartRunFiles(result, outDir) };
}
