/** Plans one of the AAPM TG-119 benchmark phantoms (Ezzell et al., Med Phys 36:5359, 2009) with its published goals. */
import { useState } from 'react';
import type { Job } from '../../main/contract/domain';
import type { JobRequest } from '../../main/contract/jobs';
import { useBridge } from '../bridge/bridge-context';
import { StartedJob } from './StartedJob';

type Phantom = Extract<JobRequest, { kind: 'rt.plan.phantom' }>['input']['phantom'];

const PHANTOMS: { id: Phantom; label: string }[] = [
  { id: 'tg119-multitarget', label: 'Multitarget (7 fields)' },
  { id: 'tg119-cshape-easy', label: 'C-shape, easy (9 fields)' },
  { id: 'tg119-cshape-hard', label: 'C-shape, hard (9 fields)' },
];

export function PhantomPlanner() {
  const bridge = useBridge();
  const [phantom, setPhantom] = useState<Phantom>('tg119-multitarget');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const plan = () => {
    setError(null);
    bridge.invoke('jobs.start', { kind: 'rt.plan.phantom', input: { phantom } }).then(setJob, (e: Error) => setError(e.message));
  };
  return (
    <section className="rt-card" aria-label="TG-119 phantom">
      <h3 className="panel-title">TG-119 benchmark phantom</h3>
      <div className="rt-row">
        <select value={phantom} onChange={(e) => setPhantom(e.target.value as Phantom)} data-testid="rt-phantom-select" aria-label="Phantom">
          {PHANTOMS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
        <button onClick={plan} data-testid="rt-plan-phantom">Plan phantom</button>
      </div>
      {error && <p className="error">{error}</p>}
      {job && <StartedJob key={job.id} job={job} />}
    </section>
  );
}
