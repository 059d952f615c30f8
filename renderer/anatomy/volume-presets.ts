/**
 * Volume-rendering transfer functions for CT in Hounsfield units, after 3D Slicer's built-in presets
 * (Modules/Loadable/VolumeRendering/Resources/presets.xml: CT-Bone, CT-Soft-Tissue, CT-Lung), with their control
 * points rounded. Colours are RGB in [0, 1]; opacity is per unit distance (mm).
 */

export interface VolumePreset {
  id: 'ct-bone' | 'ct-soft-tissue' | 'ct-lung';
  title: string;
  /** [HU, r, g, b] */
  colors: [number, number, number, number][];
  /** [HU, opacity] */
  opacities: [number, number][];
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
