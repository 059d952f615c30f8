/** Imports FHIR R4 bundles or NDJSON (bulk export) files into the twin record; patients link by identifier. */
import { useState } from 'react';
import { useBridge } from '../bridge/bridge-context';

export function FhirImportButton() {
  const bridge = useBridge();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function importFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    setError(null);
    setStatus(`Importing ${files.length} file${files.length === 1 ? '' : 's'}…`);
    const batchId = crypto.randomUUID();
    try {
      for (const [index, file] of files.entries()) await bridge.uploadFile(batchId, index, file.name, await file.arrayBuffer());
      const r = await bridge.invoke('record.importUploaded', { batchId, fileCount: files.length });
      const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
      setStatus(`${total} resources imported${r.linked ? `, ${r.linked} patient${r.linked === 1 ? '' : 's'} linked by identifier` : ''}${r.errors.length ? `; ${r.errors.length} problems: ${r.errors[0]}` : ''}`);
    } catch (err) {
      setError((err as Error).message);
      setStatus(null);
    }
  }

  return (
    <span className="fhir-import">
      <label className="button">
        Import FHIR…
        <input type="file" multiple hidden accept=".json,.ndjson" data-testid="record-import-input" onChange={(e) => void importFiles([...(e.target.files ?? [])])} />
      </label>
      {status && <span className="muted small" data-testid="record-import-status">{status}</span>}
      {error && <span className="error small">{error}</span>}
    </span>
  );
}
