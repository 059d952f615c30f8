/**
 * Import from files, folders and drag-and-drop. The chosen files are handed to the main side (the renderer never
 * sees or sends paths), then one import job scans, copies and indexes them; the job tray shows its progress.
 * Query/Retrieve opens the PACS panel (renderer/pacs), whose retrievals land like an import.
 */
import { useState, type DragEvent } from 'react';
import { useBridge } from '../bridge/bridge-context';
import { PacsPanel } from '../pacs/PacsPanel';
import './imports.css';

export function ImportPanel() {
  const bridge = useBridge();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [pacsOpen, setPacsOpen] = useState(false);

  async function importFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    setError(null);
    const batchId = crypto.randomUUID();
    try {
      for (const [index, file] of files.entries()) {
        if (index % 10 === 0) setStatus(`Handing over ${index + 1}/${files.length} files…`);
        await bridge.uploadFile(batchId, index, file.webkitRelativePath || file.name, await file.arrayBuffer());
      }
      await bridge.invoke('imports.fromUpload', { batchId, fileCount: files.length });
      setStatus(`Importing ${files.length} files: see the job tray.`);
    } catch (err) {
      setError((err as Error).message);
      setStatus(null);
    }
  }

  function onDrop(event: DragEvent): void {
    event.preventDefault();
    setDragging(false);
    void importFiles([...event.dataTransfer.files]);
  }

  return (
    <section
      className={dragging ? 'import-panel dragging' : 'import-panel'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      aria-label="Import DICOM"
    >
      <h2 className="panel-title">Import</h2>
      <div className="import-buttons">
        <label className="button">
          Files…
          <input type="file" multiple hidden data-testid="import-files-input" onChange={(e) => void importFiles([...(e.target.files ?? [])])} />
        </label>
        <label className="button">
          Folder…
          <input
            type="file"
            multiple
            hidden
            data-testid="import-folder-input"
            ref={(el) => el?.setAttribute('webkitdirectory', '')}
            onChange={(e) => void importFiles([...(e.target.files ?? [])])}
          />
        </label>
        <button onClick={() => setPacsOpen(true)} data-testid="open-pacs">
          Query/Retrieve…
        </button>
      </div>
      <p className="muted small">or drop files and folders here</p>
      {status && <p className="muted small" data-testid="import-status">{status}</p>}
      {error && <p className="error">{error}</p>}
      {pacsOpen && <PacsPanel onClose={() => setPacsOpen(false)} />}
    </section>
  );
}
