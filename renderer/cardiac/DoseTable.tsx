/** One row per dose: heart rate (and its cycle length), QT, ΔQT with the LQT1 criterion flagged, and events. */
import type { ChallengeDoseResult } from './challenge-result';
import { isParadoxicalProlongation, PARADOXICAL_PROLONGATION_MS } from './qt-criteria';

const signed = (ms: number) => `${ms > 0 ? '+' : ms < 0 ? '−' : '±'}${Math.abs(ms).toFixed(0)}`;

export function DoseTable({ results, selectedDose, onSelect }: { results: ChallengeDoseResult[]; selectedDose: number | null; onSelect: (dose: number) => void }) {
  return (
    <table className="cardiac-table">
      <thead>
        <tr>
          <th>Epinephrine (µg/kg/min)</th>
          <th>Heart rate (bpm)</th>
          <th>RR (ms)</th>
          <th>QT (ms)</th>
          <th>ΔQT (ms)</th>
          <th>Arrhythmia events</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => {
          const paradoxical = isParadoxicalProlongation(r.dose, r.deltaQtMs);
          const classes = [r.dose === selectedDose ? 'selected' : '', r.events.length > 0 ? 'has-events' : ''].join(' ').trim();
          return (
            <tr key={r.dose} data-testid="ep-result-row" data-dose={r.dose} className={classes} onClick={() => onSelect(r.dose)}>
              <td>{r.dose}</td>
              <td>{r.heartRateBpm.toFixed(0)}</td>
              <td>{(60000 / r.heartRateBpm).toFixed(0)}</td>
              <td data-testid="ep-qt">{r.qtMs.toFixed(0)} ms</td>
              <td data-testid="ep-dqt" className={paradoxical ? 'paradoxical' : ''}>
                {r.dose === 0 ? 'baseline' : `${signed(r.deltaQtMs)} ms`}
                {paradoxical && (
                  <span className="flag" title={`Paradoxical prolongation ≥ ${PARADOXICAL_PROLONGATION_MS} ms at a low dose: the LQT1 pattern`}>
                    {' '}
                    LQT1 pattern
                  </span>
                )}
              </td>
              <td className={r.events.length > 0 ? 'event-count' : 'muted'}>{r.events.length > 0 ? `⚡ ${r.events.length}` : 'none'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
