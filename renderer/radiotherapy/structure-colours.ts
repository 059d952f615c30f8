/**
 * Colours of structures: the RTSTRUCT's ROI Display Color where the structure set gives one, otherwise a fixed
 * palette (targets warm, organs at risk cool) so a structure keeps its colour across plans.
 */
const TARGET_PALETTE = ['#ff5c5c', '#ff9f43', '#ffd23f', '#f368e0', '#ff7eb6'];
const OAR_PALETTE = ['#4fa3ff', '#3ecf8e', '#a78bfa', '#22d3ee', '#9ae66e', '#f0abfc', '#fdba74', '#94a3b8'];

function hash(name: string): number {
  let h = 0;
  for (const c of name.toLowerCase()) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

export function structureColour(name: string, role: string, known?: ReadonlyMap<string, string>): string {
  const fromSet = known?.get(name);
  if (fromSet) return fromSet;
  const palette = role === 'target' ? TARGET_PALETTE : OAR_PALETTE;
  return palette[hash(name) % palette.length]!;
}
