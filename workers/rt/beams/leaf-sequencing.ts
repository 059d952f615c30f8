/**
 * Leaf sequencing: an optimised fluence map (bixel weights of one beam) → step-and-shoot MLC segments, one leaf
 * pair per bixel row. The map is quantised to `levels` equal steps of its maximum; each row's integer profile is
 * then split by the unidirectional leaf sweep of Bortfeld et al., "X-ray field compensation with multileaf
 * collimators", Int J Radiat Oncol Biol Phys 28:723 (1994): the j-th rise of the profile (left to right) opens the
 * row's j-th segment and the j-th fall closes it, so segment j spans [rise_j, fall_j) and every cell is open in
 * exactly as many unit segments as its level. Rows are stacked segment by segment (segment j of every row is
 * delivered together); rows with fewer rises keep their leaves closed. The delivered fluence equals the quantised
 * map exactly, hence differs from the optimised one by at most half a level.
 */
import type { BeamBixels } from './bixels';

export interface MlcSegment {
  /** Per bixel row: the first open column and one past the last (equal: closed). */
  leftCol: Int32Array;
  rightCol: Int32Array;
  /** Weight (bixel-weight units, as plan.weights) delivered through this aperture. */
  weight: number;
}

export interface SequencedBeam {
  levels: number;
  /** One quantisation level, in bixel-weight units. */
  levelWeight: number;
  segments: MlcSegment[];
}

export function sequenceFluence(bixels: BeamBixels, weights: ArrayLike<number>, levels = 10): SequencedBeam {
  const { nCols, nRows, idAt } = bixels;
  let maxW = 0;
  for (let q = 0; q < bixels.uMm.length; q++) maxW = Math.max(maxW, weights[q]!);
  const levelWeight = maxW / levels;
  if (maxW <= 0) return { levels, levelWeight: 0, segments: [] };
  const level = (r: number, c: number) => {
    const id = c < 0 || c >= nCols ? -1 : idAt[c + nCols * r]!;
    return id < 0 ? 0 : Math.round(weights[id]! / levelWeight);
  };
  // Rises and falls of each row, in column order, one entry per unit step.
  const rises: number[][] = [], falls: number[][] = [];
  for (let r = 0; r < nRows; r++) {
    const up: number[] = [], down: number[] = [];
    for (let c = 0; c <= nCols; c++) {
      const step = level(r, c) - level(r, c - 1);
      for (let s = 0; s < step; s++) up.push(c);
      for (let s = 0; s < -step; s++) down.push(c);
    }
    rises.push(up);
    falls.push(down);
  }
  const count = Math.max(0, ...rises.map((x) => x.length));
  const segments: MlcSegment[] = [];
  for (let j = 0; j < count; j++) {
    const leftCol = new Int32Array(nRows), rightCol = new Int32Array(nRows);
    for (let r = 0; r < nRows; r++) {
      if (j < rises[r]!.length) [leftCol[r], rightCol[r]] = [rises[r]![j]!, falls[r]![j]!];
    }
    const last = segments[segments.length - 1];
    // Identical neighbouring apertures are one segment with their weights added.
    if (last && sameAperture(last, leftCol, rightCol)) last.weight += levelWeight;
    else segments.push({ leftCol, rightCol, weight: levelWeight });
  }
  return { levels, levelWeight, segments };
}

/** The fluence the segments deliver to each bixel (bixel-weight units). */
export function deliveredFluence(bixels: BeamBixels, sequenced: SequencedBeam): Float64Array {
  const out = new Float64Array(bixels.uMm.length);
  for (const s of sequenced.segments)
    for (let r = 0; r < bixels.nRows; r++)
      for (let c = s.leftCol[r]!; c < s.rightCol[r]!; c++) {
        const id = bixels.idAt[c + bixels.nCols * r]!;
        if (id < 0) throw new Error(`segment opens column ${c} of row ${r}, which has no bixel`);
        out[id]! += s.weight;
      }
  return out;
}

function sameAperture(s: MlcSegment, left: Int32Array, right: Int32Array): boolean {
  for (let r = 0; r < left.length; r++) {
    const open = left[r]! < right[r]!, was = s.leftCol[r]! < s.rightCol[r]!;
    if (open !== was || (open && (left[r] !== s.leftCol[r] || right[r] !== s.rightCol[r]))) return false;
  }
  return true;
}
