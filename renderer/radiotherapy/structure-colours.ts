/**
 * Colours of structures: the RTSTRUCT's ROI Display Color where the structure set gives one, otherwise a fixed
 * palette by order within the role (targets warm, organs at risk cool), so neighbours in a plan never share one.
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
