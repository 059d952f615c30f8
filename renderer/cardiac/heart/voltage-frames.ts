/**
 * The voltage movie's indexing: voltage-mv.f32 holds `frames` rows of one value per vertex, frame k at
 * t = k · frameIntervalMs from the start of the simulation.
 */

export interface FrameLayout {
  frames: number;
  vertices: number;
  frameIntervalMs: number;
}

/** Frame k's values (a view, not a copy). */
export function frameValues(voltageMv: Float32Array, layout: FrameLayout, frame: number): Float32Array {
  const k = clampFrame(layout, frame);
  return voltageMv.subarray(k * layout.vertices, (k + 1) * layout.vertices);
}

export function clampFrame({ frames }: FrameLayout, frame: number): number {
  return Math.min(Math.max(0, Math.round(frame)), Math.max(0, frames - 1));
}

export function frameTimeMs(layout: FrameLayout, frame: number): number {
  return clampFrame(layout, frame) * layout.frameIntervalMs;
}

/** The frame nearest to a time (ms), within the movie. */
export function frameAtTimeMs(layout: FrameLayout, timeMs: number): number {
  return clampFrame(layout, timeMs / layout.frameIntervalMs);
}

/** The frame after `frame` while playing: it wraps to the start so the movie loops. */
export function nextFrame({ frames }: FrameLayout, frame: number): number {
  return frames > 0 ? (frame + 1) % frames : 0;
}
