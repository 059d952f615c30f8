/**
 * Colours of structures: the RTSTRUCT's ROI Display Color where the structure set gives one, otherwise a fixed
 * palette by order within the role (targets warm, organs at risk cool), so neighbours in a plan never share one.
 * Pure, so the workspace and the plan's exports (RTSTRUCT, 3D meshes) give a structure the same colour.
 */
const TARGET_PALETTE = ['#ff5c5c', '#ffd23f', '#f368e0', '#ff9f43', '#ff7eb6'];
const OAR_PALETTE = ['#4fa3ff', '#3ecf8e', '#a78bfa', '#22d3ee', '#9ae66e', '#f0abfc', '#fdba74', '#94a3b8'];

export function structureColours(structures: readonly { name: string; role: string }[], known?: ReadonlyMap<string, string>): Map<string, string> {
  let targets = 0, others = 0;
  return new Map(
    structures.map((s) => {
      const fallback = s.role === 'target' ? TARGET_PALETTE[targets++ % TARGET_PALETTE.length]! : OAR_PALETTE[others++ % OAR_PALETTE.length]!;
      return [s.name, known?.get(s.name) ?? fallback];
    }),
  );
}

/** '#rrggbb' → [r, g, b] (0–255); other CSS forms ('rgb(r, g, b)') by their first three numbers. */
export function colourRgb(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const n = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  return [n[0] ?? 128, n[1] ?? 128, n[2] ?? 128];
}
