/**
 * Default look of an organ surface by its structure name, so a fresh segmentation reads at a glance: colours follow
 * the conventions of anatomical atlases and 3D Slicer's generic anatomy colour table (lungs pink, heart and blood
 * red, bone ivory, skin beige), and outer shells are see-through so that what they enclose stays visible.
 */

export interface OrganAppearance {
  /** RGB in [0, 1]. */
  color: [number, number, number];
  /** In [0, 1]. */
  opacity: number;
}

const rgb = (r: number, g: number, b: number): [number, number, number] => [r / 255, g / 255, b / 255];

/** First match wins, so the specific names come before the general ones. */
const RULES: { pattern: RegExp; appearance: OrganAppearance }[] = [
  { pattern: /myocard/i, appearance: { color: rgb(170, 40, 40), opacity: 1 } },
  { pattern: /blood.?pool|ventric|atri/i, appearance: { color: rgb(230, 60, 60), opacity: 1 } },
  // The whole heart encloses the myocardium and blood pool: see-through so they show.
  { pattern: /heart/i, appearance: { color: rgb(206, 110, 110), opacity: 0.35 } },
  { pattern: /lung/i, appearance: { color: rgb(240, 170, 180), opacity: 0.6 } },
  { pattern: /bone|spine|vertebra|rib|sternum|skull|pelvis/i, appearance: { color: rgb(241, 214, 145), opacity: 1 } },
  // Skin: the outer shell, barely there so the organs inside remain the subject.
  { pattern: /body|skin/i, appearance: { color: rgb(177, 122, 101), opacity: 0.15 } },
];

const FALLBACK_PALETTE = [rgb(128, 174, 128), rgb(111, 184, 210), rgb(216, 101, 79), rgb(221, 130, 101), rgb(144, 238, 144)];

/** Appearance for a structure; unknown names get a distinct palette colour by their index. */
export function organAppearance(name: string, index = 0): OrganAppearance {
  const rule = RULES.find((r) => r.pattern.test(name));
  if (rule) return { color: [...rule.appearance.color], opacity: rule.appearance.opacity };
  return { color: [...FALLBACK_PALETTE[index % FALLBACK_PALETTE.length]!], opacity: 1 };
}

/** '#rrggbb' for an RGB in [0, 1] (for an `<input type="color">`). */
export function colorToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255).toString(16).padStart(2, '0')).join('')}`;
}

export function hexToColor(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

/** A readable label for a structure name from the engine ('lung_left' → 'Lung left'). */
export function structureLabel(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
