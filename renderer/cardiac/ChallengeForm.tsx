/**
 * Genotype, epinephrine dose protocol and "Run challenge": starts the job and follows it (progress, cancel) until it
 * ends; the stored run then appears in the run list by itself (derived.changed).
 */
import { useState } from 'react';
import { JobStatusLine } from '../jobs/JobStatusLine';
import { useStartedJob } from '../jobs/use-started-job';
import { DEFAULT_DOSES_UG_PER_KG_MIN, formatDoses, parseDoses } from './dose-protocol';
import { genotypeInfo, GENOTYPES, type Genotype } from './genotypes';

export function ChallengeForm({ patientKey }: { patientKey: string }) {
  const [genotype, setGenotype] = useState<Genotype>('control');
  const [dosesText, setDosesText] = useState(formatDoses(DEFAULT_DOSES_UG_PER_KG_MIN));
  const { job, running, error, start: startJob, cancel } = useStartedJob('ep.challenge');
  const doses = parseDoses(dosesText);
  const info = genotypeInfo(genotype);

  const start = () => {
    if (doses.ok) startJob({ genotype, dosesUgPerKgMin: doses.dosesUgPerKgMin, patientKey });
  };

  return (
    <div className="cardiac-form">
      <label className="cardiac-field">
        <span className="small muted">Genotype</span>
        <select data-testid="ep-genotype" value={genotype} onChange={(e) => setGenotype(e.target.value as Genotype)}>
          {GENOTYPES.map((id) => (
            <option key={id} value={id}>
              {genotypeInfo(id).label}
            </option>
          ))}
        </select>
      </label>
      <div className="small" data-testid="ep-genotype-change">
        {info.change}
      </div>
      <div className="small muted cardiac-citation" title={info.citation}>
        Source: {info.citation}
      </div>

      <label className="cardiac-field">
        <span className="small muted">Epinephrine doses (µg/kg/min)</span>
        <input data-testid="ep-doses" value={dosesText} onChange={(e) => setDosesText(e.target.value)} spellCheck={false} />
      </label>
      {doses.ok ? (
        <div className="small muted">
          {doses.dosesUgPerKgMin.length} dose{doses.dosesUgPerKgMin.length === 1 ? '' : 's'}
          {doses.dosesUgPerKgMin.includes(0) ? '' : ' (the 0 baseline is simulated too, for ΔQT)'}; each one is a transmural wedge
          simulation.
        </div>
      ) : (
        <div className="error small">{doses.error}</div>
      )}

      <div className="cardiac-actions">
        <button data-testid="ep-run" disabled={running || !doses.ok} onClick={start}>
          {running ? 'Running…' : 'Run challenge'}
        </button>
        {running && (
          <button data-testid="ep-cancel" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
      </div>
      {job && <JobStatusLine job={job} running={running} testId="ep-job" progressLabel="challenge progress" />}
      {error && <div className="error small">{error}</div>}
    </div>
  );
}
