/** Linear axes for the small SVG charts of this workspace: a scale and round tick values ("nice numbers"). */

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a degenerate domain maps to the middle of the range. */
export function linearScale([d0, d1]: [number, number], [r0, r1]: [number, number]): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/** Ticks at 1, 2 or 5 × 10ⁿ steps covering [min, max] with about `count` intervals (Heckbert, Graphics Gems 1990). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  // Rounded to the step's decimals so labels read 0.05, not 0.05000000000000001.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toFixed(decimals)));
  return ticks;
}

/** The domain [min, max] of the values widened to whole ticks, with `include` (such as 0 or a threshold) inside. */
export function niceDomain(values: number[], include: number[] = [], count = 5): [number, number] {
  const all = [...values, ...include];
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const ticks = niceTicks(min, max, count);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
  return [Math.floor(min / step) * step, Math.ceil(max / step) * step];
}
