/**
 * A pseudo-ECG with its QT interval (QRS onset to T-wave end) marked: by default the last paced beat at one dose of
 * the wedge challenge; the patient-heart view passes its own title and axis labels for a whole-run lead.
 */
import { linearScale, niceDomain, niceTicks } from './chart-scale';
import type { ChallengeDoseResult } from './challenge-result';
import { qtMarks } from './ecg-marks';

const W = 360;
const H = 170;
const M = { left: 46, right: 10, top: 22, bottom: 34 };

export interface EcgLabels {
  title: string;
  timeAxis: string;
  valueAxis: string;
}

export function EcgPlot({ result, selected, onSelect, labels }: { result: ChallengeDoseResult; selected: boolean; onSelect: () => void; labels?: EcgLabels }) {
  const { dtMs, values } = result.ecg;
  const durationMs = values.length * dtMs;
  // A run whose T wave could not be measured has no QT (NaN): the trace is drawn without marks.
  const marks = Number.isFinite(result.qtMs) ? qtMarks(values, dtMs, result.qtMs) : null;
  const yDomain = niceDomain(values, [], 4);
  const x = linearScale([0, durationMs], [M.left, W - M.right]);
  const y = linearScale(yDomain, [H - M.bottom, M.top]);
  const path = values.map((v, k) => `${k === 0 ? 'M' : 'L'}${x(k * dtMs).toFixed(1)},${y(v).toFixed(1)}`).join('');

  return (
    <svg
      data-testid="ep-ecg"
      data-dose={result.dose}
      viewBox={`0 0 ${W} ${H}`}
      className={`cardiac-ecg${selected ? ' selected' : ''}${result.events.length > 0 ? ' has-events' : ''}`}
      role="img"
      aria-label={`Pseudo-ECG at ${result.dose} µg/kg/min`}
      onClick={onSelect}
    >
      <text className="ecg-title" x={M.left} y={13}>
        {labels?.title ?? `${result.dose} µg/kg/min · ${result.heartRateBpm.toFixed(0)} bpm`}
        {result.events.length > 0 ? ` · ⚡ ${result.events.length}` : ''}
      </text>
      {marks && <rect className="qt-band" x={x(marks.qrsOnsetMs)} y={M.top} width={x(marks.tEndMs) - x(marks.qrsOnsetMs)} height={H - M.bottom - M.top} />}
      {niceTicks(0, durationMs, 5).map((t) => (
        <text key={`x${t}`} className="tick" x={x(t)} y={H - M.bottom + 13} textAnchor="middle">
          {t}
        </text>
      ))}
      {niceTicks(yDomain[0], yDomain[1], 3).map((t) => (
        <g key={`y${t}`}>
          <line className="grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          <text className="tick" x={M.left - 4} y={y(t) + 3} textAnchor="end">
            {t}
          </text>
        </g>
      ))}
      {marks && (
        <>
          <line className="qt-mark" x1={x(marks.qrsOnsetMs)} x2={x(marks.qrsOnsetMs)} y1={M.top} y2={H - M.bottom} />
          <line className="qt-mark" x1={x(marks.tEndMs)} x2={x(marks.tEndMs)} y1={M.top} y2={H - M.bottom} />
          <text className="qt-label" x={(x(marks.qrsOnsetMs) + x(marks.tEndMs)) / 2} y={M.top + 11} textAnchor="middle">
            QT {result.qtMs.toFixed(0)} ms
          </text>
        </>
      )}
      <path d={path} className="ecg-trace" />
      <line className="axis" x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
      <line className="axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      <text className="axis-label" x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle">
        {labels?.timeAxis ?? 'time from stimulus (ms)'}
      </text>
      <text className="axis-label" transform={`translate(11 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">
        {labels?.valueAxis ?? 'Φ (a.u.)'}
      </text>
    </svg>
  );
}
