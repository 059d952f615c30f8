/** One observation series (e.g. systolic blood pressure in mm[Hg]) as a small line chart with its unit and range. */
import type { PatientRecord } from '../../main/contract/domain';

type Series = PatientRecord['observationSeries'][number];

const W = 280;
const H = 110;
const PAD = { left: 44, right: 8, top: 18, bottom: 20 };

export function ObservationChart({ series }: { series: Series }) {
  const times = series.points.map((p) => Date.parse(p.time));
  const values = series.points.map((p) => p.value);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  let [v0, v1] = [Math.min(...values), Math.max(...values)];
  if (v0 === v1) [v0, v1] = [v0 - 1, v1 + 1];
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - v0) / (v1 - v0)) * (H - PAD.top - PAD.bottom);
  const path = series.points.map((p, n) => `${n === 0 ? 'M' : 'L'}${x(times[n]!).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const last = series.points[series.points.length - 1]!;
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
  return (
    <figure className="obs-chart" data-testid="record-chart">
      <svg width={W} height={H} role="img" aria-label={`${series.display} in ${series.unit}`}>
        <text x={PAD.left} y={12} className="obs-title">
          {series.display} ({series.unit})
        </text>
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
        <text x={PAD.left - 4} y={y(v1) + 4} textAnchor="end" className="tick">
          {fmt(v1)}
        </text>
        <text x={PAD.left - 4} y={y(v0) + 4} textAnchor="end" className="tick">
          {fmt(v0)}
        </text>
        <text x={PAD.left} y={H - 4} className="tick">
          {new Date(t0).getFullYear()}
        </text>
        <text x={W - PAD.right} y={H - 4} textAnchor="end" className="tick">
          {new Date(t1).getFullYear()}
        </text>
        <path d={path} className="obs-line" />
      </svg>
      <figcaption className="muted small">
        last {fmt(last.value)} {series.unit} on {last.time.slice(0, 10)} · {series.points.length} values
      </figcaption>
    </figure>
  );
}
