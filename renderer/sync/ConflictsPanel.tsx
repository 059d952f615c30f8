/** Changes the EHR refused because it holds a newer version (HTTP 412): a person chooses, nothing is overwritten silently. */
import { useState } from 'react';
import { useBridge, useQuery } from '../bridge/bridge-context';

export function ConflictsPanel({ onClose }: { onClose: () => void }) {
  const bridge = useBridge();
  const conflicts = useQuery('sync.conflicts', {}, ['sync.changed']);
  const [error, setError] = useState<string | null>(null);
  const resolve = (id: number, resolution: 'keep-local' | 'keep-server') =>
    bridge.invoke('sync.resolve', { id, resolution }).catch((e: Error) => setError(e.message));
  return (
    <div className="popover conflicts" data-testid="conflicts-panel">
      <h3>Sync conflicts</h3>
      {error && <p className="error">{error}</p>}
      {conflicts.data?.length === 0 && <p className="muted">No conflicts.</p>}
      <ul>
        {conflicts.data?.map((c) => (
          <li key={c.id}>
            <strong>
              {c.resourceType}/{c.resourceId}
            </strong>{' '}
            <span className="muted">detected {new Date(c.detectedAt).toLocaleString()}</span>
            <details>
              <summary>Compare</summary>
              <div className="compare">
                <pre>{JSON.stringify(c.local, null, 2)}</pre>
                <pre>{c.server ? JSON.stringify(c.server, null, 2) : '(deleted on the server)'}</pre>
              </div>
            </details>
            <button onClick={() => void resolve(c.id, 'keep-local')}>Keep ours (send again)</button>
            <button onClick={() => void resolve(c.id, 'keep-server')}>Keep the EHR's</button>
          </li>
        ))}
      </ul>
      <button onClick={onClose}>Close</button>
    </div>
  );
}
