/**
 * Every running job with a progress bar, its message and a cancel button, and the outcome of finished ones.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Job } from '../../main/contract/domain';
import { useBridge, useEvent } from '../bridge/bridge-context';

const SHOWN = 8;

export function JobTray() {
  const bridge = useBridge();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    bridge.invoke('jobs.list', {}).then(setJobs, (e: Error) => setError(e.message));
  }, [bridge]);

  useEvent(
    'jobs.changed',
    useCallback((job: Job) => {
      setJobs((list) => [job, ...list.filter((j) => j.id !== job.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    }, []),
  );

  const cancel = (id: string) => bridge.invoke('jobs.cancel', { jobId: id }).catch((e: Error) => setError(e.message));
  const running = jobs.filter((j) => j.state === 'running' || j.state === 'queued').length;

  return (
    <section className="job-tray" aria-label="Jobs" data-testid="job-tray">
      <h2 className="panel-title">Jobs {running > 0 && <span className="badge">{running} running</span>}</h2>
      {error && <p className="error">{error}</p>}
      <ul>
        {jobs.slice(0, SHOWN).map((job) => (
          <li key={job.id} className={`job job-${job.state}`} data-testid="job" data-job-id={job.id} data-state={job.state}>
            <span className="job-title">{job.title}</span>
            <progress max={1} value={job.progress} aria-label={`${job.title} progress`} />
            <span className="job-percent">{Math.round(job.progress * 100)} %</span>
            <span className="job-state">{job.state}</span>
            <span className="job-message" data-testid="job-message">
              {job.state === 'failed' ? `Error: ${job.error ?? 'unknown'}` : job.message}
            </span>
            {(job.state === 'running' || job.state === 'queued') && (
              <button className="cancel" onClick={() => void cancel(job.id)} data-testid="job-cancel">
                Cancel
              </button>
            )}
          </li>
        ))}
        {jobs.length === 0 && <li className="muted">No jobs yet.</li>}
      </ul>
    </section>
  );
}
