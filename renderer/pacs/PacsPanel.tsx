/**
 * Query/Retrieve, opened from the import area: the saved PACS nodes (add, edit, delete, Verify by C-ECHO or a
 * QIDO-RS probe), and for the chosen node a study search whose results can be retrieved as jobs. Retrieved studies
 * land in the patient list like an import.
 */
import { useState } from 'react';
import type { PacsNode } from '../../main/contract/domain';
import { useBridge, useQuery } from '../bridge/bridge-context';
import { PacsNodeForm } from './PacsNodeForm';
import { PacsSearch } from './PacsSearch';
import './pacs.css';

type Echo = { state: 'running' } | { state: 'done'; ok: boolean; message: string; ms: number };

const endpointOf = (n: PacsNode): string => (n.kind === 'dicomweb' ? (n.url ?? '') : `${n.calledAe ?? '?'}@${n.host ?? '?'}:${n.port ?? '?'} (${n.dimseRetrieve.toUpperCase()})`);

export function PacsPanel({ onClose }: { onClose: () => void }) {
  const bridge = useBridge();
  const nodes = useQuery('pacs.nodes.list', {});
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<PacsNode | 'new' | null>(null);
  const [echoes, setEchoes] = useState<Record<string, Echo>>({});
  const [error, setError] = useState<string | null>(null);
  const selected = nodes.data?.find((n) => n.id === selectedId) ?? nodes.data?.[0] ?? null;

  async function verify(node: PacsNode): Promise<void> {
    setEchoes((all) => ({ ...all, [node.id]: { state: 'running' } }));
    try {
      const answer = await bridge.invoke('pacs.echo', { nodeId: node.id });
      setEchoes((all) => ({ ...all, [node.id]: { state: 'done', ...answer } }));
    } catch (err) {
      setEchoes((all) => ({ ...all, [node.id]: { state: 'done', ok: false, message: (err as Error).message, ms: 0 } }));
    }
  }

  async function remove(node: PacsNode): Promise<void> {
    if (!window.confirm(`Delete the PACS node "${node.name}"?`)) return;
    try {
      await bridge.invoke('pacs.nodes.delete', { id: node.id });
      nodes.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="pacs-overlay">
      <div
        className="pacs-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Query/Retrieve"
        data-testid="pacs-panel"
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <header className="pacs-header">
          <h2>Query/Retrieve</h2>
          <button onClick={onClose} data-testid="pacs-close">
            Close
          </button>
        </header>
        <div className="pacs-body">
          <section className="pacs-nodes" aria-label="PACS nodes">
            <h3 className="panel-title">PACS nodes</h3>
            {nodes.error && <p className="error">Could not list the nodes: {nodes.error}</p>}
            {error && <p className="error">{error}</p>}
            {nodes.data?.length === 0 && <p className="muted">No PACS yet: add one.</p>}
            <ul>
              {nodes.data?.map((node) => {
                const echo = echoes[node.id];
                return (
                  <li key={node.id} className={node.id === selected?.id ? 'pacs-node selected' : 'pacs-node'} data-testid="pacs-node">
                    <button className="pacs-node-pick" onClick={() => setSelectedId(node.id)}>
                      <span className="pacs-node-name">{node.name}</span>
                      <span className="muted small">{endpointOf(node)}</span>
                    </button>
                    <div className="pacs-node-actions">
                      <button onClick={() => void verify(node)} disabled={echo?.state === 'running'} data-testid="pacs-verify">
                        Verify
                      </button>
                      <button onClick={() => setEditing(node)}>Edit</button>
                      <button onClick={() => void remove(node)}>Delete</button>
                    </div>
                    {echo && (
                      <p className={echo.state === 'done' && !echo.ok ? 'error small' : 'ok small'} data-testid="pacs-echo" role="status">
                        {echo.state === 'running' ? 'Verifying…' : echo.ok ? `✓ ${echo.ms} ms` : `✗ ${echo.message}`}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
            <button onClick={() => setEditing('new')} data-testid="pacs-add-node">
              Add node…
            </button>
          </section>
          <div className="pacs-main">
            {editing ? (
              <PacsNodeForm
                key={editing === 'new' ? 'new' : editing.id}
                node={editing === 'new' ? null : editing}
                onCancel={() => setEditing(null)}
                onSaved={(node) => {
                  setEditing(null);
                  setSelectedId(node.id);
                  nodes.reload();
                }}
              />
            ) : selected ? (
              <PacsSearch key={selected.id} node={selected} />
            ) : (
              <p className="muted">Add a PACS node to search it.</p>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
