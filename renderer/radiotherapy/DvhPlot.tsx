/** Cumulative DVH of every structure (SVG): dose in Gy across, volume in % up; the planned curves dashed beneath. */
import type { Dvh } from '../../workers/rt/evaluate/dvh';

export interface DvhCurve {
  name: string;
  colour: string;
  dvh: Dvh;
}

const W = 560;
const H = 300;
const M = { left: 48, right: 12, top: 10, bottom: 40 };

function niceStep(maxGy: number): number {
  const raw = maxGy / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

export function DvhPlot({ curves, reference, maxGy }: { curves: DvhCurve[]; reference?: DvhCurve[]; maxGy: number }) {
  const x = (gy: number) => M.left + ((W - M.left - M.right) * gy) / maxGy;
  const y = (fraction: number) => H - M.bottom - (H - M.top - M.bottom) * fraction;
  const path = (d: Dvh) => Array.from(d.cumulative, (v, k) => `${k ? 'L' : 'M'}${x(d.doseGy[k]!).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const step = niceStep(maxGy);
  const xTicks = Array.from({ length: Math.floor(maxGy / step) + 1 }, (_, k) => k * step);
  return (
    <figure className="rt-dvh" data-testid="rt-dvh">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Cumulative dose-volume histogram">
        {[0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => (
          <g key={v}>
            <line className="grid" x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text className="tick" x={M.left - 6} y={y(v) + 4} textAnchor="end">{Math.round(v * 100)}</text>
          </g>
        ))}
        {xTicks.map((gy) => (
          <g key={gy}>
            <line className="grid" x1={x(gy)} x2={x(gy)} y1={M.top} y2={H - M.bottom} />
            <text className="tick" x={x(gy)} y={H - M.bottom + 14} textAnchor="middle">{Number(gy.toPrecision(4))}</text>
          </g>
        ))}
        <text className="axis-label" x={(W + M.left) / 2} y={H - 6} textAnchor="middle">Dose (Gy)</text>
        <text className="axis-label" transform={`translate(12 ${(H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">Volume (%)</text>
        {reference?.map((c) => <path key={`ref-${c.name}`} d={path(c.dvh)} stroke={c.colour} className="reference" />)}
        {curves.map((c) => (
          <path key={c.name} d={path(c.dvh)} stroke={c.colour} className="curve" data-structure={c.name}>
            <title>{c.name}</title>
          </path>
        ))}
      </svg>
      <figcaption className="rt-legend">
        {curves.map((c) => (
          <span key={c.name}><i style={{ background: c.colour }} />{c.name}</span>
        ))}
        {reference && <span className="muted">dashed: as planned</span>}
      </figcaption>
    </figure>
  );
}
