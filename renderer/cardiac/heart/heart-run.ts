/**
 * The files a patient-heart run stores (job kind `ep.heart`, derived object kind 'ep-heart-run'), parsed at the
 * boundary: the summary with zod, the per-vertex Float32 arrays with a length check against the surface, so that the
 * view never colours a vertex with another vertex's value.
 */
import { z } from 'zod';
import { ArrhythmiaEvent } from '../challenge-result';

export const HEART_RUN_KIND = 'ep-heart-run';

/** The exact file names the job writes (workers/process/kinds/ep-heart.ts). */
export const HEART_RUN_FILES = {
  surface: 'heart-surface.json',
  activation: 'activation-ms.f32',
  apd90: 'apd90-ms.f32',
  voltage: 'voltage-mv.f32',
} as const;

const Vec3 = z.tuple([z.number(), z.number(), z.number()]);

export const HeartProtocol = z.object({
  kind: z.enum(['s1s4', 'burst']),
  s1CycleMs: z.number(),
  s1Beats: z.number().int(),
  /** S2..S4 coupling intervals, ms (0–3 entries) */
  couplingsMs: z.array(z.number()),
  burstCycleMs: z.number().optional(),
  burstBeats: z.number().int().optional(),
});
export type HeartProtocol = z.infer<typeof HeartProtocol>;

export const HeartSurface = z.object({
  /** flat x,y,z, LPS mm */
  verticesLps: z.array(z.number()),
  /** flat vertex indices, three per triangle */
  triangles: z.array(z.number().int().nonnegative()),
  /** nearest named LV region of each vertex */
  regions: z.array(z.string()),
});
export type HeartSurface = z.infer<typeof HeartSurface>;

export const HeartRunSummary = z.object({
  genotype: z.string(),
  doseUgPerKgMin: z.number(),
  heartRateBpm: z.number(),
  protocol: HeartProtocol,
  pacingSiteLps: Vec3,
  gridMm: z.number(),
  cells: z.number().int(),
  vertices: z.number().int(),
  frames: z.number().int(),
  frameIntervalMs: z.number().positive(),
  durationMs: z.number(),
  /** null when the pseudo-ECG had no measurable T wave */
  qtMs: z.number().nullable(),
  ecg: z.object({ sampleIntervalMs: z.number().positive(), leads: z.array(z.object({ name: z.string(), mv: z.array(z.number()) })) }),
  events: z.array(ArrhythmiaEvent),
  model: z.string(),
  runtimeS: z.number(),
});
export type HeartRunSummary = z.infer<typeof HeartRunSummary>;

/** The summary, or null when a stored object does not have the expected shape (an older or foreign writer). */
export function parseHeartRunSummary(summary: unknown): HeartRunSummary | null {
  const parsed = HeartRunSummary.safeParse(summary);
  return parsed.success ? parsed.data : null;
}

/** The surface from the bytes of heart-surface.json; throws with the reason when it is malformed. */
export function parseHeartSurface(json: string): HeartSurface {
  const surface = HeartSurface.parse(JSON.parse(json));
  const vertexCount = surface.verticesLps.length / 3;
  if (!Number.isInteger(vertexCount)) throw new Error('heart surface: vertex coordinates are not a multiple of 3');
  if (surface.triangles.length % 3 !== 0) throw new Error('heart surface: triangle indices are not a multiple of 3');
  if (surface.triangles.some((i) => i >= vertexCount)) throw new Error('heart surface: a triangle refers to a missing vertex');
  if (surface.regions.length !== vertexCount) throw new Error(`heart surface: ${surface.regions.length} regions for ${vertexCount} vertices`);
  return surface;
}

/**
 * A little-endian Float32 file (NaN = no value) as a typed array over the same bytes, checked against the length the
 * summary promises. Every platform the workstation runs on (x86-64, arm64) is little-endian, so no byte swapping.
 */
export function parseFloat32File(name: string, bytes: ArrayBuffer, expectedLength: number): Float32Array {
  if (bytes.byteLength !== expectedLength * 4) {
    throw new Error(`${name}: ${bytes.byteLength} bytes, expected ${expectedLength} float32 values (${expectedLength * 4} bytes)`);
  }
  return new Float32Array(bytes);
}
