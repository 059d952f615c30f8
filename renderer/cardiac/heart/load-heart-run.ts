/**
 * A stored patient-heart run, fetched file by file through the bridge and checked: the per-vertex arrays must match
 * the surface's vertex count, the voltage movie the summary's frames × vertices.
 */
import type { DerivedObject } from '../../../main/contract/domain';
import { HEART_RUN_FILES, parseFloat32File, parseHeartRunSummary, parseHeartSurface, type HeartRunSummary, type HeartSurface } from './heart-run';

export interface HeartRun {
  id: string;
  summary: HeartRunSummary;
  surface: HeartSurface;
  activationMs: Float32Array;
  apd90Ms: Float32Array;
  voltageMv: Float32Array;
}

export type FetchDerivedFile = (id: string, name: string) => Promise<ArrayBuffer>;

export async function loadHeartRun(derived: Pick<DerivedObject, 'id' | 'summary'>, fetchFile: FetchDerivedFile): Promise<HeartRun> {
  const summary = parseHeartRunSummary(derived.summary);
  if (!summary) throw new Error('this run’s summary has an unknown shape');
  const [surfaceBytes, activation, apd90, voltage] = await Promise.all(
    [HEART_RUN_FILES.surface, HEART_RUN_FILES.activation, HEART_RUN_FILES.apd90, HEART_RUN_FILES.voltage].map((name) => fetchFile(derived.id, name)),
  );
  const surface = parseHeartSurface(new TextDecoder().decode(surfaceBytes));
  const vertices = surface.verticesLps.length / 3;
  if (vertices !== summary.vertices) throw new Error(`the surface has ${vertices} vertices, the summary says ${summary.vertices}`);
  return {
    id: derived.id,
    summary,
    surface,
    activationMs: parseFloat32File(HEART_RUN_FILES.activation, activation!, vertices),
    apd90Ms: parseFloat32File(HEART_RUN_FILES.apd90, apd90!, vertices),
    voltageMv: parseFloat32File(HEART_RUN_FILES.voltage, voltage!, summary.frames * vertices),
  };
}
