/** One job's state under the form that started it: progress while it runs, the reason when it failed. */
import type { Job } from '../../main/contract/domain';

export function JobStatusLine({ job, running, testId, progressLabel }: { job: Job; running: boolean; testId: string; progressLabel: string }) {
  return (
    <div className="small" data-testid={testId} data-state={job.state}>
      {job.state === 'failed' ? (
        <span className="error">Failed: {job.error}</span>
      ) : (
        <>
          {running && <progress max={1} value={job.progress} aria-label={progressLabel} />}{' '}
          <span className="muted">
            {job.state} {Math.round(job.progress * 100)} % {job.message}
          </span>
        </>
      )}
    </div>
  );
}
