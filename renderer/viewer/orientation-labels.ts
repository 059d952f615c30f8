/**
 * Orientation labels at the edges of a viewport, from the camera's direction vectors in DICOM patient
 * coordinates (LPS: +x patient left, +y posterior, +z head). Each label names the anatomy the edge looks towards:
 * L/R, A/P, H/F; oblique directions get two or three letters, the strongest first (as OHIF and Horos do).
 */
export type Vec3 = readonly [number, number, number];

/** Components below this share of a unit vector are noise of an almost-orthogonal plane, not an obliquity. */
const OBLIQUE_THRESHOLD = 0.25;

export function directionLabel(v: Vec3): string {
  const letters: [number, string][] = [
    [Math.abs(v[0]), v[0] > 0 ? 'L' : 'R'],
    [Math.abs(v[1]), v[1] > 0 ? 'P' : 'A'],
    [Math.abs(v[2]), v[2] > 0 ? 'H' : 'F'],
  ];
  return letters
    .filter(([size]) => size >= OBLIQUE_THRESHOLD)
    .sort((a, b) => b[0] - a[0])
    .map(([, letter]) => letter)
    .join('');
}

export interface EdgeLabels {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

const negate = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];

/**
 * `viewUp` points to the top of the screen; `viewPlaneNormal` points from the scene towards the viewer (vtk.js
 * and cornerstone convention), so the screen's right is viewUp × viewPlaneNormal.
 */
export function edgeLabels(viewUp: Vec3, viewPlaneNormal: Vec3): EdgeLabels {
  const right = cross(viewUp, viewPlaneNormal);
  return {
    top: directionLabel(viewUp),
    bottom: directionLabel(negate(viewUp)),
    right: directionLabel(right),
    left: directionLabel(negate(right)),
  };
}
