/**
 * A workspace form's one job of a kind: starts it, follows its state through `jobs.changed`, cancels it, and picks up
 * a job of that kind still running when the user left the tab (the form remounts; the job went on in its worker).
 */
import { useCallback, useEffect, useState } from 'react';
import type { RequestOf } from '../../main/contract/channels';
import type { Job } from '../../main/contract/domain';
import { useBridge, useEvent } from '../bridge/bridge-context';

type StartRequest = RequestOf<'jobs.start'>;
type InputOf<K extends StartRequest['kind']> = Extract<StartRequest, { kind: K }>['input'];

const isActive = (job: Job) => job.state === 'queued' || job.state === 'running';

export function useStartedJob<K extends StartRequest['kind']>(kind: K) {
  const bridge = useBridge();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    bridge
      .invoke('jobs.list', {})
      .then((jobs) => setJob((current) => current ?? jobs.find((j) => j.kind === kind && isActive(j)) ?? null))
      .catch(() => {});
  }, [bridge, kind]);

  useEvent(
    'jobs.changed',
    useCallback((changed: Job) => setJob((current) => (current?.id === changed.id ? changed : current)), []),
  );

  const start = (input: InputOf<K>) => {
    setError(null);
    bridge
      .invoke('jobs.start', { kind, input } as StartRequest)
      .then(setJob)
      .catch((err: Error) => setError(err.message));
  };
  const cancel = () => job && bridge.invoke('jobs.cancel', { jobId: job.id }).catch((err: Error) => setError(err.message));

  return { job, running: job !== null && isActive(job), error, start, cancel };
}
