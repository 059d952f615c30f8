/**
 * ΔQT against epinephrine dose, one line per compared run, with the clinical LQT1 criterion (≥ +30 ms at
 * ≤ 0.1 µg/kg/min) drawn as a shaded zone so a paradoxical prolongation is seen at a glance.
 */
import { linearScale, niceDomain, niceTicks } from './chart-scale';
import type { ChallengeResult } from './challenge-result';
import { LOW_DOSE_LIMIT_UG_PER_KG_MIN, PARADOXICAL_PROLONGATION_MS, QT_CRITERION_CITATION } from './qt-criteria';

export interface ChartLine {
  id: string;
  label: string;
  color: string;
  dashed: boolean;
  result: ChallengeResult;
}

const W = 560;
const H = 280;
const M = { left: 56, right: 16, top: 14, bottom: 44 };

export function DoseQtChart({ lines, selectedDose }: { lines: ChartLine[]; selectedDose: number | null }) {
  const points = lines.flatMap((l) => l.result.results);
  const xDomain = niceDomain(points.map((p) => p.dose), [0, LOW_DOSE_LIMIT_UG_PER_KG_MIN], 4);
  const yDomain = niceDomain(points.map((p) => p.deltaQtMs), [0, PARADOXICAL_PROLONGATION_MS + 10], 5);
  const x = linearScale(xDomain, [M.left, W - M.right]);
  const y = linearScale(yDomain, [H - M.bottom, M.top]);

  return (
    <figure className="cardiac-figure">
      <svg data-testid="ep-dqt-chart" viewBox={`0 0 ${W} ${H}`} className="cardiac-chart" role="img" aria-label="ΔQT against epinephrine dose">
        <rect
          className="criterion-zone"
          x={x(0)}
          y={M.top}
          width={x(LOW_DOSE_LIMIT_UG_PER_KG_MIN) - x(0)}
          height={y(PARADOXICAL_PROLONGATION_MS) - M.top}
        >
          <title>LQT1 criterion: paradoxical QT prolongation ≥ {PARADOXICAL_PROLONGATION_MS} ms at ≤ {LOW_DOSE_LIMIT_UG_PER_KG_MIN} µg/kg/min ({QT_CRITERION_CITATION})</title>
        </rect>
        <line className="criterion-line" x1={M.left} x2={W - M.right} y1={y(PARADOXICAL_PROLONGATION_MS)} y2={y(PARADOXICAL_PROLONGATION_MS)} />
        <text className="criterion-label" x={x(0) + 6} y={y(PARADOXICAL_PROLONGATION_MS) - 5}>
          LQT1: ΔQT ≥ +{PARADOXICAL_PROLONGATION_MS} ms at ≤ {LOW_DOSE_LIMIT_UG_PER_KG_MIN} µg/kg/min
        </text>

        {niceTicks(yDomain[0], yDomain[1], 5).map((t) => (
          <g key={`y${t}`}>
            <line className={t === 0 ? 'axis-zero' : 'grid'} x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text className="tick" x={M.left - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {niceTicks(xDomain[0], xDomain[1], 4).map((t) => (
          <g key={`x${t}`}>
            <line className="grid" x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} />
            <text className="tick" x={x(t)} y={H - M.bottom + 16} textAnchor="middle">
              {t}
            </text>
          </g>
        ))}
        {selectedDose !== null && <line className="selected-dose" x1={x(selectedDose)} x2={x(selectedDose)} y1={M.top} y2={H - M.bottom} />}
        <line className="axis" x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
        <line className="axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
        <text className="axis-label" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
          Epinephrine (µg/kg/min)
        </text>
        <text className="axis-label" transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">
          ΔQT (ms)
        </text>

        {lines.map((line) => {
          const sorted = [...line.result.results].sort((a, b) => a.dose - b.dose);
          return (
            <g key={line.id} data-run={line.id}>
              <polyline
                fill="none"
                stroke={line.color}
                strokeWidth={2}
                strokeDasharray={line.dashed ? '6 4' : undefined}
                points={sorted.map((p) => `${x(p.dose)},${y(p.deltaQtMs)}`).join(' ')}
              />
              {sorted.map((p) => (
                <circle key={p.dose} cx={x(p.dose)} cy={y(p.deltaQtMs)} r={p.events.length > 0 ? 6 : 3.5} fill={p.events.length > 0 ? 'var(--bad)' : line.color}>
                  <title>
                    {line.label}: {p.dose} µg/kg/min, ΔQT {p.deltaQtMs.toFixed(0)} ms, QT {p.qtMs.toFixed(0)} ms
                    {p.events.length > 0 ? `, ${p.events.length} arrhythmia event(s)` : ''}
                  </title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="cardiac-legend small">
        {lines.map((line) => (
          <span key={line.id} className="legend-item">
            <svg width="26" height="10" aria-hidden="true">
              <line x1="0" x2="26" y1="5" y2="5" stroke={line.color} strokeWidth={2} strokeDasharray={line.dashed ? '6 4' : undefined} />
            </svg>
            {line.label}
          </span>
        ))}
        <span className="legend-item muted">
          <span className="legend-swatch criterion-swatch" /> LQT1 criterion ({QT_CRITERION_CITATION})
        </span>
        <span className="legend-item muted">
          <span className="legend-swatch event-swatch" /> dose with arrhythmia events
        </span>
      </figcaption>
    </figure>
  );
}
