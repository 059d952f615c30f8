/** The progress of a plan job started here, with cancel (the job tray shows the same; this keeps it in view). */
import { useCallback, useState } from 'react';
import type { Job } from '../../main/contract/domain';
import { useBridge, useEvent } from '../bridge/bridge-context';

export function StartedJob({ job: started }: { job: Job }) {
  const bridge = useBridge();
  const [job, setJob] = useState(started);
  useEvent('jobs.changed', useCallback((j: Job) => j.id === started.id && setJob(j), [started.id]));
  const active = job.state === 'queued' || job.state === 'running';
  return (
    <div className={`rt-started-job job-${job.state}`} data-testid="rt-job" data-state={job.state}>
      <progress max={1} value={job.progress} aria-label={`${job.title} progress`} />
      <span className="small">
        {job.state === 'failed' ? `Failed: ${job.error ?? 'unknown'}` : `${job.state} · ${Math.round(job.progress * 100)} % · ${job.message}`}
      </span>
      {active && <button onClick={() => void bridge.invoke('jobs.cancel', { jobId: job.id })}>Cancel</button>}
    </div>
  );
}
