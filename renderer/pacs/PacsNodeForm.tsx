/**
 * Add or edit a PACS node: DICOMweb (a URL, optionally an auth header) or DIMSE (host, port, AE titles, C-GET or
 * C-MOVE). The main side validates with the contract's schema; its message is shown as it comes.
 */
import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import type { PacsNode, PacsNodeInput } from '../../main/contract/domain';
import { useBridge } from '../bridge/bridge-context';

type Kind = PacsNode['kind'];

/** Text fields as typed; numbers are parsed on save. */
interface Draft {
  name: string;
  kind: Kind;
  url: string;
  authHeaderName: string;
  authHeaderValue: string;
  host: string;
  port: string;
  calledAe: string;
  callingAe: string;
  dimseRetrieve: PacsNode['dimseRetrieve'];
  localStorePort: string;
}

function draftOf(node: PacsNode | null): Draft {
  return {
    name: node?.name ?? '',
    kind: node?.kind ?? 'dicomweb',
    url: node?.url ?? '',
    authHeaderName: node?.authHeaderName ?? '',
    authHeaderValue: '',
    host: node?.host ?? '',
    port: node?.port ? String(node.port) : '',
    calledAe: node?.calledAe ?? '',
    callingAe: node?.callingAe ?? '',
    dimseRetrieve: node?.dimseRetrieve ?? 'c-get',
    localStorePort: node?.localStorePort ? String(node.localStorePort) : '',
  };
}

const orNull = (text: string): string | null => text.trim() || null;
const portOrNull = (text: string): number | null => (text.trim() ? Number(text) : null);

function inputOf(d: Draft, id: string | undefined): PacsNodeInput {
  const common = { ...(id ? { id } : {}), name: d.name, kind: d.kind };
  if (d.kind === 'dicomweb') {
    return {
      ...common,
      url: orNull(d.url),
      authHeaderName: orNull(d.authHeaderName),
      // Empty keeps the stored secret (the form never shows it); a typed value replaces it.
      ...(d.authHeaderValue ? { authHeaderValue: d.authHeaderValue } : {}),
    };
  }
  return {
    ...common,
    host: orNull(d.host),
    port: portOrNull(d.port),
    calledAe: orNull(d.calledAe),
    callingAe: orNull(d.callingAe),
    dimseRetrieve: d.dimseRetrieve,
    localStorePort: d.dimseRetrieve === 'c-move' ? portOrNull(d.localStorePort) : null,
  };
}

export function PacsNodeForm({ node, onSaved, onCancel }: { node: PacsNode | null; onSaved: (node: PacsNode) => void; onCancel: () => void }) {
  const bridge = useBridge();
  const [draft, setDraft] = useState<Draft>(() => draftOf(node));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      onSaved(await bridge.invoke('pacs.nodes.save', inputOf(draft, node?.id)));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const field = (label: string, key: keyof Draft, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label className="pacs-field">
      <span>{label}</span>
      <input value={draft[key]} onChange={(e) => set(key, e.target.value as never)} data-testid={`pacs-node-${key}`} {...props} />
    </label>
  );

  return (
    <form className="pacs-node-form" onSubmit={(e) => void save(e)} aria-label={node ? `Edit ${node.name}` : 'Add a PACS node'} data-testid="pacs-node-form">
      <h3>{node ? `Edit ${node.name}` : 'Add a PACS node'}</h3>
      {field('Name', 'name', { required: true, placeholder: 'Hospital PACS' })}
      <fieldset className="pacs-kind">
        <legend>Protocol</legend>
        {(['dicomweb', 'dimse'] as const).map((kind) => (
          <label key={kind}>
            <input type="radio" name="pacs-kind" checked={draft.kind === kind} onChange={() => set('kind', kind)} data-testid={`pacs-node-kind-${kind}`} />
            {kind === 'dicomweb' ? 'DICOMweb (QIDO-RS / WADO-RS)' : 'DIMSE (C-FIND, C-GET or C-MOVE)'}
          </label>
        ))}
      </fieldset>
      {draft.kind === 'dicomweb' ? (
        <>
          {field('DICOMweb URL', 'url', { placeholder: 'http://pacs:8042/dicom-web' })}
          {field('Auth header (optional)', 'authHeaderName', { placeholder: 'Authorization' })}
          {field(node?.hasAuthSecret ? 'Header value (stored; type to replace)' : 'Header value', 'authHeaderValue', { type: 'password', autoComplete: 'off' })}
        </>
      ) : (
        <>
          {field('Host', 'host', { placeholder: 'pacs.hospital.local' })}
          {field('Port', 'port', { inputMode: 'numeric', placeholder: '104' })}
          {field("PACS's AE title", 'calledAe', { placeholder: 'ORTHANC' })}
          {field('Our AE title', 'callingAe', { placeholder: 'TWIN' })}
          <label className="pacs-field">
            <span>Retrieve by</span>
            <select value={draft.dimseRetrieve} onChange={(e) => set('dimseRetrieve', e.target.value as Draft['dimseRetrieve'])} data-testid="pacs-node-dimseRetrieve">
              <option value="c-get">C-GET (no inbound port)</option>
              <option value="c-move">C-MOVE (to our Store SCP)</option>
            </select>
          </label>
          {draft.dimseRetrieve === 'c-move' && field('Our Store SCP port', 'localStorePort', { inputMode: 'numeric' })}
        </>
      )}
      {error && (
        <p className="error" role="alert" data-testid="pacs-node-error">
          {error}
        </p>
      )}
      <div className="pacs-actions">
        <button type="submit" disabled={saving} data-testid="pacs-node-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
