/**
 * The ep.heart run end to end, as one pure function of the CT and the request: segment the heart, build the LV
 * model and the ECG electrodes, simulate, and shape the summary that the job stores and the CLI prints (the file
 * contract of the 'ep-heart-run' derived object; see workers/process/kinds/ep-heart.ts for its payload files).
 */
import { progressRange, type JobContext } from '../../process/job-context';
import type { Vec3, Volume } from '../../volume/volume';
import type { Genotype } from '../challenge/beta-adrenergic';
import type { HeartIonicModel } from './cell-mapping';
import { heartFromCt } from './heart-from-ct';
import type { ScarSphere } from './lv-model';
import { simulateHeart, type HeartEvent, type HeartProtocol, type HeartRunResult } from './simulate-heart';

export interface HeartRunRequest {
  genotype: Genotype;
  doseUgPerKgMin: number;
  protocol: HeartProtocol;
  pacingSiteLps?: Vec3;
  scar?: ScarSphere;
  gridMm?: number;
  durationMs?: number;
  ionicModel?: HeartIonicModel;
  threads?: number;
}

export interface HeartRunSummary {
  genotype: Genotype;
  doseUgPerKgMin: number;
  heartRateBpm: number;
  protocol: HeartProtocol;
  pacingSiteLps: Vec3;
  gridMm: number;
  cells: number;
  vertices: number;
  frames: number;
  frameIntervalMs: number;
  durationMs: number;
  /** null when no QT could be measured */
  qtMs: number | null;
  ecg: { sampleIntervalMs: number; leads: { name: string; mv: number[] }[] };
  events: HeartEvent[];
  model: string;
  runtimeS: number;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

export function summariseHeartRun(request: HeartRunRequest, gridMm: number, r: HeartRunResult, runtimeS: number): HeartRunSummary {
  return {
    genotype: request.genotype,
    doseUgPerKgMin: request.doseUgPerKgMin,
    heartRateBpm: round(r.heartRateBpm, 1),
    protocol: request.protocol,
    pacingSiteLps: r.pacingSiteLps.map((v) => round(v, 2)) as Vec3,
    gridMm,
    cells: r.cells,
    vertices: r.surface.cellOfVertex.length,
    frames: r.frames,
    frameIntervalMs: r.frameIntervalMs,
    durationMs: r.durationMs,
    qtMs: Number.isFinite(r.qtMs) ? round(r.qtMs, 1) : null,
    ecg: { sampleIntervalMs: r.ecg.sampleIntervalMs, leads: r.ecg.leads.map((l) => ({ name: l.name, mv: Array.from(l.mv, (v) => round(v, 4)) })) },
    events: r.events.map((e) => ({ ...e, timeMs: round(e.timeMs, 1), lps: e.lps.map((v) => round(v, 2)) as Vec3 })),
    model: r.model,
    runtimeS: round(runtimeS, 2),
  };
}

export async function runHeartFromCt(ct: Volume, request: HeartRunRequest, ctx: JobContext): Promise<{ result: HeartRunResult; summary: HeartRunSummary }> {
  const started = performance.now();
  const gridMm = request.gridMm ?? 1;
  const heart = heartFromCt(ct, { gridMm, ...(request.scar ? { scar: request.scar } : {}) }, progressRange(ctx, 0, 0.2, 'segmenting the heart'));
  const result = await simulateHeart(
    {
      lv: heart.lv,
      electrodes: heart.electrodes,
      genotype: request.genotype,
      doseUgPerKgMin: request.doseUgPerKgMin,
      protocol: request.protocol,
      ...(request.pacingSiteLps ? { pacingSiteLps: request.pacingSiteLps } : {}),
      ...(request.durationMs !== undefined ? { durationMs: request.durationMs } : {}),
      ...(request.ionicModel ? { ionicModel: request.ionicModel } : {}),
      ...(request.threads ? { threads: request.threads } : {}),
    },
    progressRange(ctx, 0.2, 1),
  );
  return { result, summary: summariseHeartRun(request, gridMm, result, (performance.now() - started) / 1000) };
}
