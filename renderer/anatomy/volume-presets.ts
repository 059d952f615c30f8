/**
 * Volume-rendering transfer functions for CT in Hounsfield units, after 3D Slicer's built-in presets
 * (Modules/Loadable/VolumeRendering/Resources/presets.xml: CT-Bone, CT-Soft-Tissue, CT-Lung), with their control
 * points rounded, and an MR preset placed on the volume's own intensity percentiles. Colours are RGB in [0, 1];
 * opacity is per unit distance (mm).
 */
import { percentileOf, type Histogram } from './intensity-histogram';

/** The two curves vtk.js takes: colour and opacity over the voxel value (HU for CT). */
export interface TransferTables {
  /** [value, r, g, b] */
  colors: [number, number, number, number][];
  /** [value, opacity] */
  opacities: [number, number][];
}

export interface VolumePreset extends TransferTables {
  id: 'ct-bone' | 'ct-soft-tissue' | 'ct-lung' | 'mr';
  title: string;
}

export const VOLUME_PRESETS: readonly VolumePreset[] = [
  {
    id: 'ct-bone',
    title: 'CT bone',
    colors: [
      [-3024, 0, 0, 0],
      [-16, 0.73, 0.25, 0.3],
      [641, 0.91, 0.82, 0.55],
      [3071, 1, 1, 1],
    ],
    opacities: [
      [-3024, 0],
      [-16, 0],
      [641, 0.72],
      [3071, 0.71],
    ],
  },
  {
    id: 'ct-soft-tissue',
    title: 'CT soft tissue',
    colors: [
      [-2048, 0, 0, 0],
      [-167, 0, 0, 0],
      [-160, 0.06, 0.06, 0.06],
      [240, 0.89, 0.63, 0.56],
      [3661, 1, 0.88, 0.66],
    ],
    opacities: [
      [-2048, 0],
      [-167, 0],
      [-160, 0.06],
      [240, 0.44],
      [3661, 1],
    ],
  },
  {
    id: 'ct-lung',
    title: 'CT lung',
    colors: [
      [-1000, 0.3, 0.3, 1],
      [-600, 0, 0, 1],
      [-530, 0.13, 0.76, 0.6],
      [-460, 0.5, 1, 0.5],
      [-400, 0.8, 0.8, 0.2],
      [2952, 1, 0.3, 0.3],
    ],
    opacities: [
      [-1000, 0],
      [-600, 0],
      [-599, 0.15],
      [-400, 0.15],
      [-399, 0],
      [2952, 0],
    ],
  },
];

/**
 * 3D Slicer's MR-Default preset (presets.xml) with its grey-value positions (0, 20, 40, 120, 220, 1024 on a
 * typical 12-bit MR scale) moved to the volume's intensity percentiles instead: MR has no absolute unit, so the same
 * tissue lands at different values from scanner to scanner and sequence to sequence. The darkest 40 % of the voxels
 * (air and background noise around the patient in a typical field of view) stay transparent; the brightest
 * 0.1 % (vessels with contrast, fat on T1) are the most opaque.
 */
const MR_STOPS: { percentile: number; opacity: number; color: [number, number, number] }[] = [
  { percentile: 0, opacity: 0, color: [0, 0, 0] },
  { percentile: 0.4, opacity: 0, color: [0.17, 0, 0] },
  { percentile: 0.6, opacity: 0.15, color: [0.4, 0.15, 0.08] },
  { percentile: 0.85, opacity: 0.3, color: [0.78, 0.61, 0.38] },
  { percentile: 0.97, opacity: 0.375, color: [0.85, 0.84, 0.79] },
  { percentile: 0.999, opacity: 0.5, color: [1, 1, 1] },
];

export function mrPreset(histogram: Histogram): VolumePreset {
  // Percentiles of a volume with many equal voxels (a zero background) coincide: keep the points apart.
  const gap = Math.max(histogram.max - histogram.min, 1) * 1e-4;
  const values: number[] = [];
  for (const stop of MR_STOPS) values.push(Math.max(percentileOf(histogram, stop.percentile), (values.at(-1) ?? -Infinity) + gap));
  return {
    id: 'mr',
    title: 'MR',
    colors: MR_STOPS.map((stop, i) => [values[i]!, ...stop.color]),
    opacities: MR_STOPS.map((stop, i) => [values[i]!, stop.opacity]),
  };
}

/**
 * The preset moved along the HU axis by `shiftHu`: the one-knob transfer-function edit that matters most in
 * practice (a contrast-enhanced or noisy scan needs the bone or soft-tissue ramp a little higher or lower).
 */
export function shiftedPreset(preset: VolumePreset, shiftHu: number): VolumePreset {
  return {
    ...preset,
    colors: preset.colors.map(([hu, r, g, b]) => [hu + shiftHu, r, g, b]),
    opacities: preset.opacities.map(([hu, opacity]) => [hu + shiftHu, opacity]),
  };
}
