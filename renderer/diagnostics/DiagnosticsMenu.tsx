/** Tools for IT staff: re-import the demo patient and prove that jobs report, cancel and fail properly. */
import { useState } from 'react';
import type { RequestOf } from '../../main/contract/channels';
import { useBridge } from '../bridge/bridge-context';

export function DiagnosticsMenu() {
  const bridge = useBridge();
  const [error, setError] = useState<string | null>(null);
  const start = (request: RequestOf<'jobs.start'>) => bridge.invoke('jobs.start', request).catch((e: Error) => setError(e.message));
  return (
    <details className="diagnostics">
      <summary>Tools</summary>
      <div className="menu">
        <button onClick={() => void start({ kind: 'demo.import', input: {} })}>Import the demo patient</button>
        <button onClick={() => void start({ kind: 'diagnostics.spin', input: { seconds: 60 } })} data-testid="selftest-long">
          Worker self-test (60 s)
        </button>
        <button onClick={() => void start({ kind: 'diagnostics.fail', input: { message: 'self-test failure, as asked' } })} data-testid="selftest-fail">
          Failure-handling self-test
        </button>
        {error && <p className="error">{error}</p>}
      </div>
    </details>
  );
}
