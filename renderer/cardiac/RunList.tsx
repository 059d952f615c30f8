/** Earlier challenge runs of the patient, newest first: one is shown in detail, any number are compared in the chart. */
import type { ChallengeRun } from './challenge-result';
import { genotypeLabel } from './genotypes';

export function RunList({
  runs,
  shownId,
  comparedIds,
  colorOf,
  onShow,
  onToggleCompare,
}: {
  runs: ChallengeRun[];
  shownId: string | null;
  comparedIds: Set<string>;
  colorOf: (id: string) => string;
  onShow: (id: string) => void;
  onToggleCompare: (id: string) => void;
}) {
  if (runs.length === 0) return <div className="muted small">No challenge has been run for this patient yet.</div>;
  return (
    <ul className="cardiac-runs">
      {runs.map((run) => (
        <li key={run.id} data-testid="ep-run-item" className={run.id === shownId ? 'selected' : ''}>
          <input
            type="checkbox"
            aria-label="compare in the chart"
            title="compare in the ΔQT chart"
            disabled={!run.result}
            checked={comparedIds.has(run.id)}
            onChange={() => onToggleCompare(run.id)}
          />
          <button className="run-open" onClick={() => onShow(run.id)} disabled={!run.result}>
            <span className="run-swatch" style={{ background: comparedIds.has(run.id) ? colorOf(run.id) : 'transparent' }} />
            <span>
              <strong>{run.result ? genotypeLabel(run.result.genotype) : 'unreadable run'}</strong>{' '}
              <span className="muted">{new Date(run.createdAt).toLocaleString()}</span>
              <br />
              <span className="small muted">{run.result ? `${run.result.results.map((r) => r.dose).join(' / ')} µg/kg/min` : run.title}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
