/**
 * Minimises a smooth function over x ≥ 0 by a projected limited-memory quasi-Newton method in the spirit of
 * L-BFGS-B (Byrd, Lu, Nocedal & Zhu, SIAM J Sci Comput 16:1190, 1995): variables at the bound whose gradient
 * pushes them outward are held fixed, the L-BFGS two-loop recursion gives a direction in the free variables, and
 * a backtracking Armijo search runs along the projected path max(0, x + α·p).
 */
import type { JobContext } from '../../process/job-context';

export interface QuasiNewtonOptions {
  maxIterations: number;
  /** Pairs (s, y) kept for the inverse-Hessian estimate. */
  memory?: number;
  /** Stop when the relative decrease of f over 5 iterations falls below this. */
  relativeTolerance?: number;
}

export interface QuasiNewtonResult {
  x: Float64Array;
  /** f after each iteration (index 0 = the start). */
  history: number[];
  converged: boolean;
}

/** `fg` returns f(x) and writes ∇f(x) into grad. */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

export function minimiseNonNegative(fg: ObjectiveWithGradient, x0: Float64Array, options: QuasiNewtonOptions, ctx: JobContext): QuasiNewtonResult {
  const n = x0.length;
  const m = options.memory ?? 10;
  const tol = options.relativeTolerance ?? 1e-5;
  let x = Float64Array.from(x0, (v) => Math.max(0, v));
  let g = new Float64Array(n);
  let f = fg(x, g);
  const history = [f];
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const p = new Float64Array(n);
  const free = new Uint8Array(n);
  const alpha = new Float64Array(m);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let converged = false;

  for (let it = 0; it < options.maxIterations; it++) {
    ctx.throwIfCancelled();
    if (it % 10 === 0) ctx.progress(it / options.maxIterations, `optimising: iteration ${it}, objective ${f.toPrecision(4)}`);
    // Free variables: off the bound, or on it with the gradient pointing inward.
    let gFree2 = 0;
    for (let i = 0; i < n; i++) {
      free[i] = x[i]! > 0 || g[i]! < 0 ? 1 : 0;
      p[i] = free[i] ? -g[i]! : 0;
      gFree2 += p[i]! * p[i]!;
    }
    if (gFree2 === 0) { converged = true; break; }
    // Two-loop recursion on the free subspace.
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dotFree(S[k]!, p, free);
      axpyFree(-alpha[k]!, Y[k]!, p, free);
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dotFree(S[last]!, Y[last]!, free) / Math.max(1e-300, dotFree(Y[last]!, Y[last]!, free));
      if (gamma > 0) for (let i = 0; i < n; i++) p[i] = p[i]! * gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dotFree(Y[k]!, p, free);
      axpyFree(alpha[k]! - beta, S[k]!, p, free);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += p[i]! * g[i]!;
    if (!(slope < 0)) {
      // Not a descent direction (curvature pairs out of date): fall back to steepest descent and forget them.
      S.length = 0; Y.length = 0; rho.length = 0;
      for (let i = 0; i < n; i++) p[i] = free[i] ? -g[i]! : 0;
    }
    // First step: move the largest weight by about the mean weight.
    let step = 1;
    if (S.length === 0) {
      let pMax = 0, xMean = 0;
      for (let i = 0; i < n; i++) { pMax = Math.max(pMax, Math.abs(p[i]!)); xMean += x[i]!; }
      step = Math.max(1e-12, xMean / n) / Math.max(1e-300, pMax);
    }
    let fNew = Infinity;
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        xNew[i] = Math.max(0, x[i]! + step * p[i]!);
        decrease += g[i]! * (xNew[i]! - x[i]!);
      }
      fNew = fg(xNew, gNew);
      if (fNew <= f + 1e-4 * decrease) { accepted = true; break; }
      step *= 0.5;
    }
    if (!accepted) { converged = true; break; }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
      sy += s[i]! * y[i]!;
    }
    if (sy > 1e-12) {
      if (S.length === m) { S.shift(); Y.shift(); rho.shift(); }
      S.push(s); Y.push(y); rho.push(1 / sy);
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    history.push(f);
    const h = history.length;
    if (h > 5 && history[h - 6]! - f <= tol * Math.max(1e-12, Math.abs(history[h - 6]!))) { converged = true; break; }
  }
  return { x, history, converged };
}

function dotFree(a: Float64Array, b: Float64Array, free: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (free[i]) s += a[i]! * b[i]!;
  return s;
}

function axpyFree(c: number, a: Float64Array, out: Float64Array, free: Uint8Array): void {
  for (let i = 0; i < a.length; i++) if (free[i]) out[i] = out[i]! + c * a[i]!;
}
