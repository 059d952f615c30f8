/**
 * Orientation labels: which way the patient lies at each edge of a view. LPS axes name the patient directions
 * +x Left, +y Posterior, +z Head (superior); the opposite ends are Right, Anterior and Feet.
 *
 * A view shows two axes of the volume's voxel grid. For each of the axial, coronal and sagittal views we pick the
 * volume axis closest to the view's normal (S–I, A–P, L–R), lay the other two out in the radiological convention
 * (axial and coronal: patient left on screen right; axial: posterior down; coronal and sagittal: feet down;
 * sagittal: posterior on screen right), flipping an axis where the data runs the other way, and name the actual
 * direction at each edge. An oblique axis gets two or three letters, strongest first (e.g. 'LA').
 */
import type { Mat3, Vec3 } from '../volume/volume';

/** A direction component weaker than this (about 17°) is not named in a combined label. */
const SECONDARY_LETTER_THRESHOLD = 0.3;

const POSITIVE = ['L', 'P', 'H'] as const;
const NEGATIVE = ['R', 'A', 'F'] as const;

/** 'L', 'PH', 'RAF'…: the patient directions a unit vector in LPS points to, strongest first. */
export function patientDirectionLetters(v: Vec3): string {
  const order = [0, 1, 2].sort((a, b) => Math.abs(v[b]!) - Math.abs(v[a]!));
  return order
    .filter((axis, rank) => rank === 0 || Math.abs(v[axis]!) >= SECONDARY_LETTER_THRESHOLD)
    .map((axis) => (v[axis]! >= 0 ? POSITIVE[axis] : NEGATIVE[axis]))
    .join('');
}

export type ViewName = 'axial' | 'coronal' | 'sagittal';

export interface ViewOrientation {
  /** Volume axis (0 = i, 1 = j, 2 = k) shown left to right, and +1 when its index grows to the right, −1 when flipped. */
  horizontalAxis: 0 | 1 | 2;
  horizontalSign: 1 | -1;
  /** Volume axis shown top to bottom, and +1 when its index grows downwards. */
  verticalAxis: 0 | 1 | 2;
  verticalSign: 1 | -1;
  /** Volume axis the view scrolls through. */
  sliceAxis: 0 | 1 | 2;
  left: string;
  right: string;
  top: string;
  bottom: string;
}

/** Patient axis (0 = x L, 1 = y P, 2 = z H) and sign wanted on screen right, screen down, and through the view. */
const CONVENTION: Record<ViewName, { normal: number; right: [number, 1 | -1]; down: [number, 1 | -1] }> = {
  axial: { normal: 2, right: [0, 1], down: [1, 1] },
  coronal: { normal: 1, right: [0, 1], down: [2, -1] },
  sagittal: { normal: 0, right: [1, 1], down: [2, -1] },
};

const column = (d: Mat3, axis: number): Vec3 => [d[axis]!, d[3 + axis]!, d[6 + axis]!];
const scaled = (v: Vec3, s: number): Vec3 => [v[0] * s, v[1] * s, v[2] * s];

function viewOrientation(direction: Mat3, view: ViewName): ViewOrientation {
  const c = CONVENTION[view];
  const axes = [0, 1, 2] as const;
  const sliceAxis = [...axes].sort((a, b) => Math.abs(column(direction, b)[c.normal]!) - Math.abs(column(direction, a)[c.normal]!))[0]!;
  const inPlane = axes.filter((a) => a !== sliceAxis);
  const horizontalAxis = Math.abs(column(direction, inPlane[0]!)[c.right[0]]!) >= Math.abs(column(direction, inPlane[1]!)[c.right[0]]!) ? inPlane[0]! : inPlane[1]!;
  const verticalAxis = inPlane.find((a) => a !== horizontalAxis)!;
  const horizontalSign = column(direction, horizontalAxis)[c.right[0]]! * c.right[1] >= 0 ? 1 : -1;
  const verticalSign = column(direction, verticalAxis)[c.down[0]]! * c.down[1] >= 0 ? 1 : -1;
  const right = scaled(column(direction, horizontalAxis), horizontalSign);
  const down = scaled(column(direction, verticalAxis), verticalSign);
  return {
    horizontalAxis,
    horizontalSign,
    verticalAxis,
    verticalSign,
    sliceAxis,
    right: patientDirectionLetters(right),
    left: patientDirectionLetters(scaled(right, -1)),
    bottom: patientDirectionLetters(down),
    top: patientDirectionLetters(scaled(down, -1)),
  };
}

export function orientationLabels(direction: Mat3): Record<ViewName, ViewOrientation> {
  return { axial: viewOrientation(direction, 'axial'), coronal: viewOrientation(direction, 'coronal'), sagittal: viewOrientation(direction, 'sagittal') };
}
