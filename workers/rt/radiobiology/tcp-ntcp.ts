/** Poisson TCP for targets and LKB NTCP for organs at risk, from voxel doses (parameters in assets/rt). */
import type { LkbParameters, TcpParameters } from '../../../assets/rt/radiobiology';
import { normalCdf } from '../dose/erf';
import { eqd2Gy } from './lq';

/**
 * Poisson TCP (Webb & Nahum 1993): TCP = exp(−Σᵢ ρ vᵢ SFᵢ), SFᵢ = exp(−α Dᵢ (1 + dᵢ/(α/β))) with dᵢ = Dᵢ / n.
 * @param voxelVolumeCm3 volume of one voxel
 */
export function poissonTcp(doseGy: ArrayLike<number>, voxelVolumeCm3: number, fractions: number, alphaBetaGy: number, p: TcpParameters): number {
  let survivors = 0;
  for (let q = 0; q < doseGy.length; q++) {
    const D = doseGy[q]!;
    survivors += Math.exp(-p.alphaPerGy * D * (1 + D / fractions / alphaBetaGy));
  }
  return Math.exp(-p.clonogensPerCm3 * voxelVolumeCm3 * survivors);
}

/** Generalised EUD with volume parameter n (LKB): (mean Dᵢ^(1/n))ⁿ, doses converted to EQD2 first. */
export function lkbGeudGy(doseGy: ArrayLike<number>, fractions: number, alphaBetaGy: number, n: number): number {
  const count = doseGy.length;
  if (count === 0) return 0;
  let s = 0;
  for (let q = 0; q < count; q++) s += eqd2Gy(doseGy[q]!, fractions, alphaBetaGy) ** (1 / n);
  return (s / count) ** n;
}

/** LKB NTCP = Φ((gEUD − TD50) / (m · TD50)) (Lyman 1985; Kutcher & Burman 1989). */
export function lkbNtcp(doseGy: ArrayLike<number>, fractions: number, alphaBetaGy: number, p: LkbParameters): number {
  const geud = lkbGeudGy(doseGy, fractions, alphaBetaGy, p.n);
  return normalCdf((geud - p.td50Gy) / (p.m * p.td50Gy));
}
