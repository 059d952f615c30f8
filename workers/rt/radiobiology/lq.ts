/**
 * Linear-quadratic model quantities for a total dose D given in n equal fractions (d = D / n):
 * BED = D (1 + d / (α/β)), EQD2 = BED / (1 + 2 / (α/β)) (Fowler, Br J Radiol 62:679, 1989).
 */
export function bedGy(totalGy: number, fractions: number, alphaBetaGy: number): number {
  return totalGy * (1 + totalGy / fractions / alphaBetaGy);
}

export function eqd2Gy(totalGy: number, fractions: number, alphaBetaGy: number): number {
  return bedGy(totalGy, fractions, alphaBetaGy) / (1 + 2 / alphaBetaGy);
}
