/**
 * Bixels (beamlets): square elements of `bixelMm` on the isocentre plane, on a grid with a bixel centred on the
 * isocentre, kept where the divergent projection of the target (plus a margin) falls (matRad's `stf`).
 */
import type { Vec3 } from '../../volume/volume';
import { projectToIsoPlane, type BeamGeometry } from './beam-geometry';

export interface BeamBixels {
  beam: BeamGeometry;
  bixelMm: number;
  /** Grid of candidate bixels: column c has its centre at u = originUMm + c·bixelMm, row r at v = originVMm + r·bixelMm. */
  originUMm: number;
  originVMm: number;
  nCols: number;
  nRows: number;
  /** Bixel id (local to the beam) per grid cell, −1 where the cell has no bixel. */
  idAt: Int32Array;
  /** Centres (mm, isocentre plane) per bixel id. */
  uMm: Float64Array;
  vMm: Float64Array;
}

export function bixelsForTarget(beam: BeamGeometry, targetPoints: readonly Vec3[], bixelMm: number, marginMm: number): BeamBixels {
  const proj = targetPoints.map((p) => projectToIsoPlane(beam, p));
  if (proj.length === 0) throw new Error('the target is empty: no bixels to place');
  let umin = Infinity, umax = -Infinity, vmin = Infinity, vmax = -Infinity;
  for (const q of proj) {
    umin = Math.min(umin, q.uMm); umax = Math.max(umax, q.uMm);
    vmin = Math.min(vmin, q.vMm); vmax = Math.max(vmax, q.vMm);
  }
  const reach = marginMm + bixelMm / 2;
  const firstCol = Math.floor((umin - reach) / bixelMm);
  const firstRow = Math.floor((vmin - reach) / bixelMm);
  const nCols = Math.ceil((umax + reach) / bixelMm) - firstCol + 1;
  const nRows = Math.ceil((vmax + reach) / bixelMm) - firstRow + 1;
  const on = new Uint8Array(nCols * nRows);
  // A cell is on when some projected target point lies in the cell grown by the margin.
  for (const q of proj) {
    const c0 = Math.max(0, Math.ceil((q.uMm - reach) / bixelMm) - firstCol);
    const c1 = Math.min(nCols - 1, Math.floor((q.uMm + reach) / bixelMm) - firstCol);
    const r0 = Math.max(0, Math.ceil((q.vMm - reach) / bixelMm) - firstRow);
    const r1 = Math.min(nRows - 1, Math.floor((q.vMm + reach) / bixelMm) - firstRow);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) on[c + nCols * r] = 1;
  }
  const idAt = new Int32Array(nCols * nRows).fill(-1);
  const u: number[] = [];
  const v: number[] = [];
  for (let r = 0; r < nRows; r++)
    for (let c = 0; c < nCols; c++)
      if (on[c + nCols * r]) {
        idAt[c + nCols * r] = u.length;
        u.push((c + firstCol) * bixelMm);
        v.push((r + firstRow) * bixelMm);
      }
  return {
    beam, bixelMm, originUMm: firstCol * bixelMm, originVMm: firstRow * bixelMm, nCols, nRows, idAt,
    uMm: Float64Array.from(u), vMm: Float64Array.from(v),
  };
}

/** An open rectangular field of bixels centred on the isocentre (for validation: a 100 × 100 mm field). */
export function openField(beam: BeamGeometry, widthMm: number, heightMm: number, bixelMm: number): BeamBixels {
  const nCols = Math.round(widthMm / bixelMm);
  const nRows = Math.round(heightMm / bixelMm);
  // Field edges at ±width/2: bixel centres at (c + 0.5 − nCols/2)·bixelMm.
  const originUMm = (0.5 - nCols / 2) * bixelMm;
  const originVMm = (0.5 - nRows / 2) * bixelMm;
  const idAt = new Int32Array(nCols * nRows);
  const u = new Float64Array(nCols * nRows);
  const v = new Float64Array(nCols * nRows);
  for (let r = 0; r < nRows; r++)
    for (let c = 0; c < nCols; c++) {
      const id = c + nCols * r;
      idAt[id] = id;
      u[id] = originUMm + c * bixelMm;
      v[id] = originVMm + r * bixelMm;
    }
  return { beam, bixelMm, originUMm, originVMm, nCols, nRows, idAt, uMm: u, vMm: v };
}
