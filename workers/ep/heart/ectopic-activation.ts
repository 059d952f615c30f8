/**
 * Ectopic beats by activation topology: in a propagating wave every cell is depolarised by a neighbour that
 * activated before it and is still depolarised (or activated only just before), so an activation with no such
 * neighbour (and not in the stimulus region at a stimulus) started on its own: a focal, triggered or automatic beat.
 * This does not depend on how long normal conduction takes through the heart, which a fixed delay after the
 * stimulus would, nor on how slowly a front crosses a coarse grid.
 */
export class EctopicActivationDetector {
  constructor(
    /** diffusion stencil rows: neighbours of cell c are neighbour[rowStart[c] … rowStart[c+1]) */
    private readonly rowStart: Int32Array,
    private readonly neighbour: Int32Array,
    private readonly windowMs: number,
  ) {}

  /**
   * true when no neighbour of cell c drove its activation at tMs: none activated before it and is either still above
   * `thresholdMv` or activated within the last windowMs.
   */
  isFocal(c: number, tMs: number, lastActivationMs: Float32Array, potential: ArrayLike<number>, thresholdMv: number): boolean {
    for (let k = this.rowStart[c]!; k < this.rowStart[c + 1]!; k++) {
      const nb = this.neighbour[k]!;
      const t = lastActivationMs[nb]!;
      // a neighbour activated after c holds a later time: it is c's own wave, not its source
      if (t <= tMs && (tMs - t <= this.windowMs || potential[nb]! > thresholdMv)) return false;
    }
    return true;
  }
}
