/**
 * The sync with the hospital EHR, always visible: online or offline, how many results wait in the outbox, when the
 * last sync was, its errors, and the conflicts a person must resolve. Settings and conflicts open below it.
 */
import { useCallback, useState } from 'react';
import type { SyncStatus } from '../../main/contract/domain';
import { useBridge, useEvent, useQuery } from '../bridge/bridge-context';
import { ConflictsPanel } from './ConflictsPanel';

function describe(status: SyncStatus): { label: string; tone: 'ok' | 'off' | 'warn' | 'idle' } {
  if (!status.serverUrl) return { label: 'offline only (no EHR server set)', tone: 'idle' };
  if (status.syncing) return { label: 'syncing…', tone: 'ok' };
  if (status.online === false) return { label: 'offline', tone: 'off' };
  if (status.lastErrors.length > 0) return { label: 'last sync had errors', tone: 'warn' };
  return { label: status.online ? 'online' : 'not synced yet', tone: status.online ? 'ok' : 'idle' };
}

export function SyncStatusBar() {
  const bridge = useBridge();
  const query = useQuery('sync.status', {});
  const [live, setLive] = useState<SyncStatus | null>(null);
  const [open, setOpen] = useState<'settings' | 'conflicts' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  useEvent('sync.changed', useCallback((s: SyncStatus) => setLive(s), []));
  const status = live ?? query.data;
  if (!status) return null;
  const { label, tone } = describe(status);

  const run = () => {
    setError(null);
    bridge.invoke('sync.run', {}).catch((e: Error) => setError(e.message));
  };
  const save = () => {
    setError(null);
    bridge
      .invoke('sync.setServer', { baseUrl: url.trim() === '' ? null : url.trim() })
      .then((s) => {
        setLive(s);
        setOpen(null);
      })
      .catch((e: Error) => setError(e.message));
  };

  return (
    <div className="sync-status" data-testid="sync-status">
      <span className={`sync-dot sync-${tone}`} aria-hidden />
      <span data-testid="sync-label">EHR: {label}</span>
      <span className="muted" data-testid="sync-queued">
        {status.queued} queued
      </span>
      {status.conflicts > 0 && (
        <button className="link warn" onClick={() => setOpen(open === 'conflicts' ? null : 'conflicts')} data-testid="sync-conflicts">
          {status.conflicts} conflict{status.conflicts === 1 ? '' : 's'}
        </button>
      )}
      <span className="muted">{status.lastSyncAt ? `last sync ${new Date(status.lastSyncAt).toLocaleString()}` : 'never synced'}</span>
      <button onClick={run} disabled={!status.serverUrl || status.syncing} data-testid="sync-now">
        Sync now
      </button>
      <button
        onClick={() => {
          setUrl(status.serverUrl ?? '');
          setOpen(open === 'settings' ? null : 'settings');
        }}
        data-testid="sync-settings"
      >
        Server…
      </button>
      {(error || status.lastErrors.length > 0) && (
        <span className="error small" title={[error, ...status.lastErrors].filter(Boolean).join('\n')}>
          {error ?? status.lastErrors[0]}
        </span>
      )}
      {open === 'settings' && (
        <div className="popover">
          <label>
            FHIR R4 base URL
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://ehr.example/fhir" data-testid="sync-url" />
          </label>
          <div className="row">
            <button onClick={save} data-testid="sync-save">
              Save
            </button>
            <span className="muted small">Empty: work offline only. Results queue until a server is set.</span>
          </div>
        </div>
      )}
      {open === 'conflicts' && <ConflictsPanel onClose={() => setOpen(null)} />}
    </div>
  );
}
