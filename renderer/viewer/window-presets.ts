/**
 * Window/level presets. CT values (HU) as listed by Radiopaedia, "Windowing (CT)",
 * https://radiopaedia.org/articles/windowing-ct (width / level): lung 1500/-600, mediastinum 350/50,
 * bone 1800/400, brain 80/40. "MR auto" has no fixed numbers: MR intensities are arbitrary units, so it restores
 * the image's own window (its VOI LUT or, without one, the range of its pixel values).
 */
export interface WindowPreset {
  name: string;
  label: string;
  /** Shortcut key, as in OHIF (1 to 4 for the CT presets). */
  key: string;
  /** null: the image's own window. */
  window: { widthHu: number; levelHu: number } | null;
}

export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { name: 'lung', label: 'CT lung', key: '1', window: { widthHu: 1500, levelHu: -600 } },
  { name: 'mediastinum', label: 'CT mediastinum', key: '2', window: { widthHu: 350, levelHu: 50 } },
  { name: 'bone', label: 'CT bone', key: '3', window: { widthHu: 1800, levelHu: 400 } },
  { name: 'brain', label: 'CT brain', key: '4', window: { widthHu: 80, levelHu: 40 } },
  { name: 'mr-auto', label: 'MR auto', key: '5', window: null },
];

/** cornerstone's VOI range from a width and level (a linear window, PS3.3 C.11.2.1.2 without the 0.5 offsets). */
export function voiRangeOf(widthHu: number, levelHu: number): { lower: number; upper: number } {
  return { lower: levelHu - widthHu / 2, upper: levelHu + widthHu / 2 };
}

export function widthLevelOf(range: { lower: number; upper: number }): { width: number; level: number } {
  return { width: range.upper - range.lower, level: (range.upper + range.lower) / 2 };
}
