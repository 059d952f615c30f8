/**
 * A small patient-heart run in exactly the job's file format, for tests: an ellipsoidal LV-like shell (outer and
 * inner surface) whose activation spreads from a pacing vertex at a constant conduction velocity, with APD90 and a
 * voltage movie following from it. Values are analytic, so tests can check the view against them.
 */
import { HEART_RUN_FILES, type HeartRunSummary, type HeartSurface } from '../heart-run';

/** Longitudinal conduction velocity of healthy human ventricle, ≈ 0.6 mm/ms (Taggart et al. 2000, J Mol Cell Cardiol 32:621). */
export const FIXTURE_CV_MM_PER_MS = 0.6;
export const FIXTURE_APD90_MS = 280;
const REST_MV = -85;
const PLATEAU_MV = 20;

export interface HeartFixture {
  summary: HeartRunSummary;
  surface: HeartSurface;
  activationMs: Float32Array;
  apd90Ms: Float32Array;
  voltageMv: Float32Array;
  /** every file as the job stores it, by name */
  files: Record<string, ArrayBuffer>;
}

/** One ellipsoid surface (semi-axes in mm, centred at `centre`), `rings` latitude rings × `segments` longitudes, with caps. */
function ellipsoid(centre: readonly number[], axes: readonly number[], rings: number, segments: number, vertices: number[], triangles: number[], inward: boolean): void {
  const first = vertices.length / 3;
  vertices.push(centre[0]!, centre[1]!, centre[2]! + axes[2]!); // north pole
  for (let r = 1; r < rings; r++) {
    const theta = (Math.PI * r) / rings;
    for (let s = 0; s < segments; s++) {
      const phi = (2 * Math.PI * s) / segments;
      vertices.push(centre[0]! + axes[0]! * Math.sin(theta) * Math.cos(phi), centre[1]! + axes[1]! * Math.sin(theta) * Math.sin(phi), centre[2]! + axes[2]! * Math.cos(theta));
    }
  }
  vertices.push(centre[0]!, centre[1]!, centre[2]! - axes[2]!); // south pole (the apex)
  const south = vertices.length / 3 - 1;
  const ring = (r: number, s: number) => first + 1 + (r - 1) * segments + (s % segments);
  const tri = (a: number, b: number, c: number) => (inward ? triangles.push(a, c, b) : triangles.push(a, b, c));
  for (let s = 0; s < segments; s++) {
    tri(first, ring(1, s), ring(1, s + 1));
    for (let r = 1; r < rings - 1; r++) {
      tri(ring(r, s), ring(r + 1, s), ring(r + 1, s + 1));
      tri(ring(r, s), ring(r + 1, s + 1), ring(r, s + 1));
    }
    tri(south, ring(rings - 1, s + 1), ring(rings - 1, s));
  }
}

export interface FixtureOptions {
  centreLps?: [number, number, number];
  /** vertex the stimulus is nearest to: default the outer apex */
  pacingVertex?: number;
  frameIntervalMs?: number;
  durationMs?: number;
  events?: HeartRunSummary['events'];
}

export function heartFixture(options: FixtureOptions = {}): HeartFixture {
  const centre = options.centreLps ?? [0, 0, 0];
  const vertices: number[] = [];
  const triangles: number[] = [];
  ellipsoid(centre, [30, 30, 45], 10, 16, vertices, triangles, false); // epicardium
  const outerCount = vertices.length / 3;
  ellipsoid(centre, [20, 20, 35], 8, 12, vertices, triangles, true); // endocardium
  const count = vertices.length / 3;
  const regions = Array.from({ length: count }, (_, i) => {
    const z = vertices[3 * i + 2]! - centre[2]!;
    return z < -30 ? 'apex' : z < -10 ? 'apical' : z < 15 ? 'mid' : 'basal';
  });
  const pacing = options.pacingVertex ?? outerCount - 1;
  const pacingSiteLps: [number, number, number] = [vertices[3 * pacing]!, vertices[3 * pacing + 1]!, vertices[3 * pacing + 2]!];

  const activationMs = new Float32Array(count);
  const apd90Ms = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const d = Math.hypot(vertices[3 * i]! - pacingSiteLps[0], vertices[3 * i + 1]! - pacingSiteLps[1], vertices[3 * i + 2]! - pacingSiteLps[2]);
    activationMs[i] = d / FIXTURE_CV_MM_PER_MS;
    apd90Ms[i] = FIXTURE_APD90_MS;
  }
  const frameIntervalMs = options.frameIntervalMs ?? 10;
  const durationMs = options.durationMs ?? 400;
  const frames = Math.floor(durationMs / frameIntervalMs) + 1;
  const voltageMv = new Float32Array(frames * count);
  for (let k = 0; k < frames; k++) {
    const t = k * frameIntervalMs;
    for (let i = 0; i < count; i++) {
      const since = t - activationMs[i]!;
      voltageMv[k * count + i] = since >= 0 && since < apd90Ms[i]! ? PLATEAU_MV : REST_MV;
    }
  }

  const ecgSampleMs = 2;
  const ecgSamples = Math.floor(durationMs / ecgSampleMs);
  // A QRS at 10–60 ms and a T wave peaking at 250 ms: enough shape for the QT marks.
  const lead = Array.from({ length: ecgSamples }, (_, n) => {
    const t = n * ecgSampleMs;
    return Math.exp(-(((t - 35) / 10) ** 2)) + 0.3 * Math.exp(-(((t - 250) / 35) ** 2));
  });
  const surface: HeartSurface = { verticesLps: vertices, triangles, regions };
  const summary: HeartRunSummary = {
    genotype: 'control',
    doseUgPerKgMin: 0,
    heartRateBpm: 60,
    protocol: { kind: 's1s4', s1CycleMs: 600, s1Beats: 1, couplingsMs: [] },
    pacingSiteLps,
    gridMm: 1,
    cells: 1000,
    vertices: count,
    frames,
    frameIntervalMs,
    durationMs,
    qtMs: 300,
    ecg: { sampleIntervalMs: ecgSampleMs, leads: [{ name: 'II', mv: lead }] },
    events: options.events ?? [],
    model: 'fixture',
    runtimeS: 0,
  };
  const bytes = (a: Float32Array) => a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer;
  const files = {
    [HEART_RUN_FILES.surface]: new TextEncoder().encode(JSON.stringify(surface)).buffer as ArrayBuffer,
    [HEART_RUN_FILES.activation]: bytes(activationMs),
    [HEART_RUN_FILES.apd90]: bytes(apd90Ms),
    [HEART_RUN_FILES.voltage]: bytes(voltageMv),
  };
  return { summary, surface, activationMs, apd90Ms, voltageMv, files };
}
