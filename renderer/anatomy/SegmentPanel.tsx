/** Starts a segmentation job for the series with the chosen presets, and follows it until it ends. */
import { useCallback, useState } from 'react';
import type { Job } from '../../main/contract/domain';
import { useBridge, useEvent } from '../bridge/bridge-context';

const PRESETS = ['body', 'lungs', 'bone', 'heart'] as const;
type Preset = (typeof PRESETS)[number];

export function SegmentPanel({ seriesKey }: { seriesKey: string }) {
  const bridge = useBridge();
  const [chosen, setChosen] = useState<Set<Preset>>(new Set(PRESETS));
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEvent(
    'jobs.changed',
    useCallback((changed: Job) => setJob((current) => (current?.id === changed.id ? changed : current)), []),
  );

  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  const start = () => {
    setError(null);
    bridge
      .invoke('jobs.start', { kind: 'anatomy.segment', input: { seriesKey, presets: PRESETS.filter((p) => chosen.has(p)) } })
      .then(setJob)
      .catch((err: Error) => setError(err.message));
  };
  const toggle = (preset: Preset) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(preset)) next.add(preset);
      return next;
    });

  return (
    <div className="anatomy-segment">
      <div className="anatomy-presets">
        {PRESETS.map((preset) => (
          <label key={preset} className="small">
            <input type="checkbox" data-testid="anatomy-preset" value={preset} checked={chosen.has(preset)} onChange={() => toggle(preset)} /> {preset}
          </label>
        ))}
      </div>
      <button data-testid="anatomy-segment" disabled={running || chosen.size === 0} onClick={start}>
        {running ? 'Segmenting…' : 'Segment'}
      </button>
      {job && (
        <div className="small muted" data-testid="anatomy-job" data-state={job.state}>
          {job.state === 'failed' ? <span className="error">Failed: {job.error}</span> : `${job.state} ${Math.round(job.progress * 100)} % ${job.message}`}
        </div>
      )}
      {error && <div className="error small">{error}</div>}
    </div>
  );
}
